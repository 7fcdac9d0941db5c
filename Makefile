# defence_production: PGXS build.
#
#   make                 build the library and the install script
#   make install         install into the PostgreSQL that pg_config names
#   make installcheck    pg_regress against a running server (PGHOST/PGPORT)
#   make unittest        C unit tests of the plain-C core (also under sanitizers)
#   make WERROR=1        treat compiler warnings as errors (the test build)
#
# test/check.sh runs every test against a private cluster; see README.md.

EXTENSION = defence_production
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" $(EXTENSION).control)

# plain-C core (src/core, no PostgreSQL headers) and the fmgr glue (src), one
# file pair per module
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/core/*.c)) $(sort $(wildcard src/*.c)))
# SQL parts in dependency order; concatenated into the install script
SQL_MODULES = capvec nsn capacity forecast stockpile harmonize replenish chart schema views sample
SQL_FILES = $(wildcard $(SQL_MODULES:%=src/%.sql))

MODULE_big = $(EXTENSION)
DATA_built = $(EXTENSION)--$(EXTVERSION).sql
# released install scripts are kept as released; upgrade scripts carry every
# change since (see CHANGELOG.md)
DATA = $(EXTENSION)--0.1.0.sql $(wildcard $(EXTENSION)--*--*.sql)

# every sql/*.sql is a pg_regress test; each one is self-contained
REGRESS = $(sort $(basename $(notdir $(wildcard sql/*.sql))))
REGRESS_OPTS = --load-extension=$(EXTENSION)

PG_CPPFLAGS = -I$(srcdir)/src
# the LP solver of the replenishment plan: COIN-OR Clp (EPL-2.0), Debian
# coinor-libclp-dev; its C interface only
SHLIB_LINK = -lClp
PG_CFLAGS = -Wextra -Wno-unused-parameter -Wno-sign-compare -Wno-missing-field-initializers
ifeq ($(WERROR),1)
PG_CFLAGS += -Werror
endif

EXTRA_CLEAN = $(DATA_built) test/unit/build

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

$(EXTENSION)--$(EXTVERSION).sql: $(SQL_FILES) $(EXTENSION).control
	{ printf '%s\n' '-- $(EXTENSION) $(EXTVERSION): generated from src/*.sql by make; do not edit.' \
	  '\echo Use "CREATE EXTENSION $(EXTENSION)" to load this file. \quit'; \
	  for f in $(SQL_FILES); do echo; cat $$f; done; } > $@

$(OBJS): src/dp.h $(wildcard src/core/*.h)

# the plain-C core is not exported from the library, so its names cannot
# clash with symbols of the server or the libraries it loads
$(filter src/core/%,$(OBJS)): CFLAGS += -fvisibility=hidden

.PHONY: unittest
unittest:
	$(MAKE) -C test/unit
