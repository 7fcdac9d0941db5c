# R forecast::ets with fixed models (AAdN and MAM) on the M3 monthly series:
# the log-likelihood, AICc and parameters R reaches, for comparison with
# dp.forecast_fit(..., method => 'ets', model => ...) (test/bench/ets_vs_r.sh).
# Writes test/bench/data/m3_monthly_ets_r.csv.
#
#   Rscript test/bench/r/ets_fixed.R test/bench/data/m3.csv test/bench/data/m3_monthly_ets_r.csv
#
# Needs R and the forecast package (Debian: apt-get install r-base-core r-cran-forecast);
# the build and the tests do not.  Produced with R 4.2.2 and forecast 8.20.
suppressMessages(library(forecast))
args <- commandArgs(TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE)
d <- d[d$period == "month", ]
models <- list(AAdN = list("AAN", TRUE), MAM = list("MAM", FALSE))
out <- file(args[2], "w")
writeLines(sprintf("# R %s, forecast %s", getRversion(), packageVersion("forecast")), out)
writeLines("id,model,loglik,aicc,alpha,beta,gamma,phi,seconds", out)
for (i in seq_len(nrow(d))) {
  y <- ts(as.numeric(strsplit(d$history[i], " ")[[1]]), frequency = 12)
  for (name in names(models)) {
    m <- models[[name]]
    t0 <- proc.time()[["elapsed"]]
    fit <- try(ets(y, model = m[[1]], damped = m[[2]]), silent = TRUE)
    secs <- proc.time()[["elapsed"]] - t0
    if (inherits(fit, "try-error") || is.null(fit$loglik)) next
    p <- fit$par
    g <- function(k) if (is.na(p[k])) "" else sprintf("%.10g", p[k])
    writeLines(sprintf("%s,%s,%.10f,%.10f,%s,%s,%s,%s,%.3f", d$id[i], name, fit$loglik, fit$aicc,
                       g("alpha"), g("beta"), g("gamma"), g("phi"), secs), out)
  }
  flush(out)
}
close(out)
