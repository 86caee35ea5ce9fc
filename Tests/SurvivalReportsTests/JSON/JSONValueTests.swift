import Testing
@testable import SurvivalReports

@Suite struct JSONValueTests {
    @Test func keepsKeyOrderAndWritesNullForNonFinite() {
        let v = JSONValue.object([("b", .number(0.1)), ("a", .number(.nan)), ("c", .array([.int(1), .string("x\"y")]))])
        #expect(v.rendered() == "{\n  \"b\": 0.1,\n  \"a\": null,\n  \"c\": [1, \"x\\\"y\"]\n}\n")
    }

    @Test func numbersRoundTrip() {
        for x in [0.1, 1.0 / 3, 1e-300, 123456.789, 2.0] {
            #expect(Double(NumberText.roundTrip(x)) == x)
        }
        #expect(NumberText.roundTrip(2) == "2")
    }

    @Test func csvQuotesOnlyWhenNeeded() {
        var w = CSVWriter(header: ["group", "value"])
        w.append([.text("a,b"), .number(nil)])
        w.append([.text("plain"), .number(1.5)])
        #expect(w.rendered() == "group,value\n\"a,b\",NA\nplain,1.5\n")
    }

    @Test func textTableAligns() {
        var t = TextTable([("name", .left), ("n", .right)])
        t.append(["a", "10"])
        t.append(["bbb", "2"])
        #expect(t.rendered() == "name   n\na     10\nbbb    2\n")
    }
}
