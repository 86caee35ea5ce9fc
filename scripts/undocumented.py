#!/usr/bin/env python3
"""List public/open declarations in Sources/ that have no preceding `///` doc comment.

Usage: scripts/undocumented.py [--list] [MODULE ...]
Prints, per module (Sources/<Module>), the number of public declarations and how many are
undocumented; with --list, also file:line and the declaration of each undocumented one.
Attributes (@inlinable, @discardableResult, ...) and blank-free `///` blocks directly above a
declaration count as documentation; `// MARK:` and ordinary `//` comments do not.
Heuristic (line based), good enough to drive the work; DocC's own check is
`swift package generate-documentation --analyze` (scripts/docs.sh).
"""
import os
import re
import sys

DECL = re.compile(
    r'^\s*(?:@[\w().:, "]+\s+)*'
    r'(?:(?:public|open)(?:\s*\(set\))?\s+)'
    r'(?:(?:final|static|class|override|mutating|nonmutating|convenience|required|indirect|nonisolated|'
    r'lazy|private\(set\)|fileprivate\(set\)|internal\(set\)|package\(set\)|consuming|borrowing)\s+)*'
    r'(struct|enum|class|actor|protocol|extension|func|init[?!]?|var|let|case|typealias|subscript|deinit|associatedtype)\b')
ATTR = re.compile(r'^\s*@\w+')


def scan(path):
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    out = []
    for i, line in enumerate(lines):
        m = DECL.match(line)
        if not m or m.group(1) == 'extension':
            # `public extension` groups members; the members are counted, not the extension.
            continue
        j = i - 1
        while j >= 0 and ATTR.match(lines[j]) and not lines[j].strip().startswith('///'):
            j -= 1
        documented = j >= 0 and lines[j].strip().startswith('///') or (j >= 0 and lines[j].strip().endswith('*/'))
        out.append((i + 1, line.strip(), documented))
    return out


def main(argv):
    listing = '--list' in argv
    wanted = [a for a in argv if not a.startswith('--')]
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'Sources')
    total_all = undoc_all = 0
    for module in sorted(os.listdir(root)):
        if wanted and module not in wanted:
            continue
        mdir = os.path.join(root, module)
        if not os.path.isdir(mdir):
            continue
        rows = []
        for dirpath, _, files in os.walk(mdir):
            for name in sorted(files):
                if name.endswith('.swift'):
                    p = os.path.join(dirpath, name)
                    for lineno, text, doc in scan(p):
                        rows.append((os.path.relpath(p, os.path.join(root, '..')), lineno, text, doc))
        rows.sort()
        undoc = [r for r in rows if not r[3]]
        total_all += len(rows)
        undoc_all += len(undoc)
        print(f'{module}: {len(undoc)} of {len(rows)} public declarations undocumented')
        if listing:
            for path, lineno, text, _ in undoc:
                print(f'  {path}:{lineno}: {text}')
    print(f'total: {undoc_all} of {total_all} undocumented')


if __name__ == '__main__':
    main(sys.argv[1:])
