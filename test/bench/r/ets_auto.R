# R forecast::ets (the model chosen automatically) and thetaf on every M3
# series: the model, its log-likelihood and AICc, the seconds ets() and its
# forecast took, the forecasts and 95% bounds of ets, and thetaf's forecasts.
# Writes test/bench/data/m3_ets_r.csv (read by test/bench/ets_vs_r.sh):
#
#   Rscript test/bench/r/ets_auto.R test/bench/data/m3.csv test/bench/data/m3_ets_r.csv
#
# Needs R and the forecast package (Debian: apt-get install r-base-core r-cran-forecast);
# the build and the tests do not.  Produced with R 4.2.2 and forecast 8.20 (the
# seconds on a shared 2-core machine, so only indicative).
suppressMessages(library(forecast))
args <- commandArgs(TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE)
freq <- c(year = 1, quarter = 4, month = 12, other = 1)
num <- function(x) paste(sprintf("%.10g", x), collapse = " ")
rows <- lapply(seq_len(nrow(d)), function(i) {
  r <- d[i, ]
  y <- ts(as.numeric(strsplit(r$history, " ")[[1]]), frequency = freq[[r$period]])
  t0 <- proc.time()[["elapsed"]]
  fit <- ets(y)
  fc <- forecast(fit, h = r$horizon, level = 95)
  secs <- proc.time()[["elapsed"]] - t0
  th <- thetaf(y, h = r$horizon)
  data.frame(id = r$id, period = r$period, model = fit$method,
             loglik = if (is.null(fit$loglik)) NA else fit$loglik,
             aicc = if (is.null(fit$aicc)) NA else fit$aicc,
             seconds = secs, ets = num(fc$mean), thetaf = num(th$mean),
             lower95 = num(fc$lower[, 1]), upper95 = num(fc$upper[, 1]))
})
write.csv(do.call(rbind, rows), args[2], row.names = FALSE, na = "")
