# Reference values for the ETS and Theta regression tests (sql/forecast_ets.sql,
# sql/forecast_theta.sql), computed with R forecast, independently of the
# extension.  Run:  Rscript test/reference/make_forecast_reference.R
# Produced with R 4.2.2 and forecast 8.20 (Debian 12: r-base-core, r-cran-forecast).
#
# With every smoothing parameter fixed, the maximum-likelihood initial states
# of a model with additive errors are the least-squares ones (the one-step
# errors are linear in them), computed here by lm(); for multiplicative errors
# R's own likelihood (pegelsresid.C) is minimised over the initial states by
# optim(BFGS) from ets()'s estimate, to a tighter tolerance than ets() uses.
suppressMessages(library(forecast))
options(digits = 15)
cat("R", as.character(getRversion()), "forecast", as.character(packageVersion("forecast")), "\n")

air <- window(AirPassengers, end = c(1952, 12))          # 48 months, 1949-01 .. 1952-12
trend <- ts(c(120, 132, 141, 155, 162, 178, 185, 199))
noisy <- ts(50 + 1.5 * (1:30) + ((1:30) * 7919) %% 23)   # as sql/forecast.sql builds it

# one-step errors of a model at given parameters and initial states (R's recursion)
resid_at <- function(y, m, x, err, trend, season, damped, a, b, g, p)
  forecast:::pegelsresid.C(y, m, x, err, trend, season, damped, a, b, g, p, 3)

# least-squares initial states for additive errors: the errors are affine in the
# states, so evaluate them at 0 and at unit vectors, then regress
ls_states <- function(y, m, err, trend, season, damped, a, b, g, p) {
  k <- 1 + (trend != "N") + (if (season != "N") m - 1 else 0)
  full <- function(z) {   # free states -> full state vector (seasonals sum to 0)
    if (season == "N") return(z)
    c(z, -sum(z[(2 + (trend != "N")):k]))
  }
  e0 <- resid_at(y, m, full(rep(0, k)), err, trend, season, damped, a, b, g, p)$e
  X <- sapply(seq_len(k), function(j) { z <- rep(0, k); z[j] <- 1
    e0 - resid_at(y, m, full(z), err, trend, season, damped, a, b, g, p)$e })
  full(as.numeric(qr.solve(X, e0)))
}

report <- function(label, y, m, x, err, trend, season, damped, a, b, g, p, h, npar) {
  r <- resid_at(y, m, x, err, trend, season, damped, a, b, g, p)
  n <- length(y); np <- npar + 1
  aicc <- r$lik + 2 * np + 2 * np * (np + 1) / (n - np - 1)
  st <- r$states[n + 1, ]
  # point forecasts from the final states: (l + (phi + ... + phi^h) b) (+ or x) s
  ph <- if (damped) p else 1
  f <- sapply(seq_len(h), function(k) {
    lev <- st[1] + (if (trend != "N") sum(ph^(1:k)) * st[2] else 0)
    if (season == "N") return(lev)
    s <- st[(2 + (trend != "N")):length(st)]     # s1 the most recent, sm the next period's
    sk <- s[m - ((k - 1) %% m)]
    if (season == "A") lev + sk else lev * sk })
  cat(sprintf("%s: loglik %.12f aicc %.12f\n  forecasts %s\n", label, -0.5 * r$lik, aicc,
              paste(sprintf("%.12f", f), collapse = " ")))
}

# ETS(A,N,N), alpha 0.3, on trend: l0 by least squares
x <- ls_states(trend, 1, "A", "N", "N", FALSE, 0.3, NULL, NULL, NULL)
cat(sprintf("ANN alpha 0.3 on trend: l0 %.12f\n", x[1]))
report("ANN alpha 0.3 trend", trend, 1, x, "A", "N", "N", FALSE, 0.3, NULL, NULL, NULL, 4, 1)

# ETS(A,Ad,N), alpha 0.5, beta 0.1, phi 0.9, on noisy
x <- ls_states(noisy, 1, "A", "A", "N", TRUE, 0.5, 0.1, NULL, 0.9)
cat(sprintf("AAdN on noisy: l0 %.12f b0 %.12f\n", x[1], x[2]))
report("AAdN 0.5 0.1 0.9 noisy", noisy, 1, x, "A", "A", "N", TRUE, 0.5, 0.1, NULL, 0.9, 6, 2)
fit <- ets(noisy, "AAN", damped = TRUE, alpha = 0.5, beta = 0.1, phi = 0.9)
fc <- forecast(fit, h = 3, level = 95)
cat(sprintf("  R ets() with the same fixed parameters: loglik %.12f\n", fit$loglik))

# ETS(A,A,A), alpha 0.3, beta 0.05, gamma 0.2, on air (m = 12)
x <- ls_states(air, 12, "A", "A", "A", FALSE, 0.3, 0.05, 0.2, NULL)
report("AAA 0.3 0.05 0.2 air", air, 12, x, "A", "A", "A", FALSE, 0.3, 0.05, 0.2, NULL, 14, 13)

# ETS(M,A,M), alpha 0.3, beta 0.05, gamma 0.2, on air: R's likelihood minimised by BFGS
fit <- ets(air, "MAM", damped = FALSE, alpha = 0.3, beta = 0.05, gamma = 0.2)
x0 <- fit$initstate
free <- x0[1:13]
obj <- function(z) { s <- c(z, 12 - sum(z[3:13]))
  if (min(s[3:14]) < 0) return(Inf)
  resid_at(air, 12, s, "M", "A", "M", FALSE, 0.3, 0.05, 0.2, NULL)$lik }
o <- optim(free, obj, method = "BFGS", control = list(reltol = 1e-14, maxit = 10000, parscale = abs(free) + 1))
x <- x_mam <- c(o$par, 12 - sum(o$par[3:13]))
cat(sprintf("MAM on air: ets() loglik %.12f, refined %.12f\n", fit$loglik, -0.5 * o$value))
report("MAM 0.3 0.05 0.2 air", air, 12, x, "M", "A", "M", FALSE, 0.3, 0.05, 0.2, NULL, 14, 13)

# everything estimated: the log-likelihood R reaches (ours must be at least as high)
for (mod in c("ANN", "MNN", "AAN", "MAN", "ANA", "MNM", "MAM")) {
  y <- if (substr(mod, 3, 3) == "N") noisy else air
  fit <- ets(y, mod, damped = FALSE)
  cat(sprintf("ets(%s, %s) estimated: loglik %.10f aicc %.10f\n", if (identical(y, noisy)) "noisy" else "air",
              mod, fit$loglik, fit$aicc))
}
fit <- ets(air, "MAM", damped = TRUE)
cat(sprintf("ets(air, MAdM) estimated: loglik %.10f aicc %.10f\n", fit$loglik, fit$aicc))
fit <- ets(air)
cat(sprintf("ets(air) chooses %s: loglik %.10f aicc %.10f\n", fit$method, fit$loglik, fit$aicc))

# forecast variances (R's class1, class2, class3) at the optimum states of fixed-parameter fits,
# with sigma^2 = SSE / (n - number of estimated initial states): 95% half-widths
halfwidths <- function(label, y, m, x, err, trend, season, damped, a, b, g, p, nstates, h) {
  r <- resid_at(y, m, x, err, trend, season, damped, a, b, g, p)
  n <- length(y)
  sigma2 <- sum(r$e^2) / (n - nstates)
  last <- r$states[n + 1, ]
  par <- c(alpha = a, beta = if (is.null(b)) NA else b, gamma = if (is.null(g)) NA else g, phi = if (is.null(p)) NA else p)
  cls <- if (err == "A") forecast:::class1 else if (season == "M") forecast:::class3 else forecast:::class2
  v <- cls(h, last, trend, season, damped, m, sigma2, par)$var
  cat(sprintf("%s: sigma2 %.12f, 95%% half-widths %s\n", label, sigma2,
              paste(sprintf("%.10f", qnorm(0.975) * sqrt(v)), collapse = " ")))
}
x <- ls_states(noisy, 1, "A", "A", "N", TRUE, 0.5, 0.1, NULL, 0.9)
halfwidths("AAdN 0.5 0.1 0.9 noisy", noisy, 1, x, "A", "A", "N", TRUE, 0.5, 0.1, NULL, 0.9, 2, 6)
x <- ls_states(air, 12, "A", "A", "A", FALSE, 0.3, 0.05, 0.2, NULL)
halfwidths("AAA 0.3 0.05 0.2 air", air, 12, x, "A", "A", "A", FALSE, 0.3, 0.05, 0.2, NULL, 13, 14)
fit <- ets(noisy, "MAN", damped = FALSE, alpha = 0.5, beta = 0.1)
o <- optim(fit$initstate, function(z) resid_at(noisy, 1, z, "M", "A", "N", FALSE, 0.5, 0.1, NULL, NULL)$lik,
           method = "BFGS", control = list(reltol = 1e-14, maxit = 10000, parscale = abs(fit$initstate) + 1))
cat(sprintf("MAN 0.5 0.1 noisy: loglik %.12f\n", -0.5 * o$value))
report("MAN 0.5 0.1 noisy", noisy, 1, o$par, "M", "A", "N", FALSE, 0.5, 0.1, NULL, NULL, 6, 2)
halfwidths("MAN 0.5 0.1 noisy", noisy, 1, o$par, "M", "A", "N", FALSE, 0.5, 0.1, NULL, NULL, 2, 6)
halfwidths("MAM 0.3 0.05 0.2 air", air, 12, x_mam, "M", "A", "M", FALSE, 0.3, 0.05, 0.2, NULL, 13, 14)

# thetaf (the M3 THETA) on air (seasonal) and on noisy (not seasonal)
for (nm in c("air", "noisy")) {
  y <- get(nm); h <- if (nm == "air") 18 else 6
  th <- thetaf(y, h = h)
  cat(sprintf("thetaf(%s): alpha %.12f, forecasts %s\n", nm, th$model$alpha, paste(sprintf("%.10f", th$mean), collapse = " ")))
}

# thetaf on a seasonal series: season60, t = 1..60, (100 + t)(1 + 0.3 sin(2 pi t / 12)) + (7919 t mod 23)
season60 <- ts((100 + 1:60) * (1 + 0.3 * sin(2 * pi * (1:60) / 12)) + ((1:60) * 7919) %% 23, frequency = 12)
th <- thetaf(season60, h = 14)
cat(sprintf("thetaf(season60): alpha %.12f, forecasts %s\n", th$model$alpha, paste(sprintf("%.10f", th$mean), collapse = " ")))
d <- decompose(season60, "multiplicative")
cat(sprintf("  decompose figure %s\n", paste(sprintf("%.12f", d$figure), collapse = " ")))
