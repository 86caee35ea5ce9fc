# Why the analytic log-rank power under non-proportional hazards misses survkit simulate (issue 13,
# docs/design.md): compares the at-risk variance with the H1 martingale variance and with the full
# fixed-alternative (influence-function) variance, and continuous accrual with simulate's even entries.
# Diagnostic only, not a fixture. Run: Rscript scripts/nph-power-gap.R
pw_surv <- function(x, cuts, haz) { H <- 0; for (k in seq_along(haz)) { lo <- cuts[k]; hi <- if (k < length(haz)) cuts[k + 1] else Inf; H <- H + haz[k] * pmax(0, pmin(x, hi) - lo) }; exp(-H) }
pw_haz <- function(x, cuts, haz) haz[findInterval(x, cuts)]
law <- function(cuts, haz, cure = 0) list(S = function(x) cure + (1 - cure) * pw_surv(x, cuts, haz),
  h = function(x) { s <- cure + (1 - cure) * pw_surv(x, cuts, haz); (1 - cure) * pw_haz(x, cuts, haz) * pw_surv(x, cuts, haz) / s })
cumint <- function(y, dx) c(0, cumsum((y[-1] + y[-length(y)]) / 2 * dx))
run <- function(ctrl, trt, eta, acc_times, acc_rates, A, T, N, p=0.5, alpha=0.05, sides=2, M=60000) {
  ends <- c(acc_times[-1], A)
  Gf <- Vectorize(function(v) sum(acc_rates * pmax(0, pmin(v, ends) - acc_times)) / sum(acc_rates * (ends - acc_times)))
  x <- seq(0, T, length.out = M + 1); dx <- T / M
  ST <- trt$S(x); SC <- ctrl$S(x); lT <- trt$h(x); lC <- ctrl$h(x)
  W <- exp(-eta * x) * Gf(T - x)
  a <- p * ST; c <- (1 - p) * SC
  I <- function(y) sum((y[-1] + y[-length(y)]) / 2) * dx
  m <- I(a * c / (a + c) * (lT - lC) * W)
  v0 <- I(a * c * (a * lT + c * lC) / (a + c)^2 * W)
  armvar <- function(w, lam, S, g) {
    Gam <- cumint(g, dx); Om <- cumint(w * lam, dx)
    I(w^2 * lam * S * W) + 2 * I(Gam * g * S * W) - I(g * S * W)^2 - 2 * I(Om * g * S * W)
  }
  vT <- armvar(c / (a + c), lT, ST, (c / (a + c))^2 * (lT - lC))
  vC <- armvar(-a / (a + c), lC, SC, (a / (a + c))^2 * (lT - lC))
  vfull <- p * vT + (1 - p) * vC
  z <- qnorm(1 - alpha / sides); mu <- sqrt(N) * abs(m)
  pw <- function(v1) pnorm((mu - z * sqrt(v0)) / sqrt(v1)) + (sides == 2) * pnorm((-mu - z * sqrt(v0)) / sqrt(v1))
  v1 <- I(a * c * (c * lT + a * lC) / (a + c)^2 * W)   # H1 martingale variance
  c(atrisk = pw(v0), h1_martingale = pw(v1), full_iid = pw(vfull), ratio = vfull / v0)
}
lc <- log(2)/11; lt <- log(2)/33
print(run(law(0,lc), law(0,lt), 0, 0, 1, 18, 30, 56))
print(run(law(0,lc), law(c(0,3),c(lc,lt)), 0, 0, 1, 18, 30, 56))
print(run(law(0,lc,.3), law(0,lt,.3), 0, 0, 1, 18, 30, 56))
print(run(law(c(0,6),c(.05,.05)), law(c(0,6),c(.08,.02)), 0.01, c(0,6), c(1,2), 12, 36, 200))
print(run(law(c(0,4,10),c(.07,.05,.04)), law(c(0,4,10),c(.07,.03,.02)), 0.008779615, c(0,3,9), c(2,5,8), 15, 27, 300, p=2/3, alpha=0.025))

cumint <- function(y, dx) c(0, cumsum((y[-1] + y[-length(y)]) / 2 * dx))
run2 <- function(ctrl, trt, entries, T, N, p = 0.5, alpha = 0.05, M = 200000) {
  x <- seq(0, T, length.out = M + 1); dx <- T / M
  Gf <- function(v) findInterval(v, sort(entries)) / length(entries)
  W <- Gf(T - x)
  a <- p * trt$S(x); c <- (1 - p) * ctrl$S(x); lT <- trt$h(x); lC <- ctrl$h(x)
  I <- function(y) sum((y[-1] + y[-length(y)]) / 2) * dx
  m <- I(a * c / (a + c) * (lT - lC) * W); v0 <- I(a * c * (a * lT + c * lC) / (a + c)^2 * W)
  ev <- N * I((a * lT + c * lC) * W)
  z <- qnorm(1 - alpha / 2); d <- sqrt(N) * abs(m) / sqrt(v0)
  c(events = ev, power = pnorm(d - z) + pnorm(-d - z))
}
lc <- log(2)/11; lt <- log(2)/33
print(run2(law(0,lc), law(c(0,3),c(lc,lt)), (1:56) * 18 / 56, 30, 56))
print(run2(law(0,lc), law(c(0,3),c(lc,lt)), ((1:56) - 0.5) * 18 / 56, 30, 56))
print(run2(law(0,lc), law(0,lt), (1:56) * 18 / 56, 30, 56))
