# defence_production: PGXS build.
#
#   make                 build the library and the install script
#   make install         install into the PostgreSQL that pg_config names
#   make installcheck    pg_regress against a running server (PGHOST/PGPORT)
#   make unittest        C unit tests of the plain-C core (also under sanitizers)
#   make WERROR=1        treat compiler warnings as errors (the test build)
#   make ASSERTS=1       assertion-enabled build (Assert, e.g. on aggregate states)
#   make -f /path/to/Makefile   a VPATH build in the current directory (test/check.sh
#                        builds this way in its work area, leaving the checkout clean)
#
# test/check.sh runs every test against a private cluster; see README.md.

# the source tree: this Makefile's directory (also in a VPATH build)
top := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))

EXTENSION = defence_production
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" $(top)/$(EXTENSION).control)

# plain-C core (src/core, no PostgreSQL headers; its one C++ file is the
# adapter to the LP solver's C++ API), the shared glue (src/dp.c) and the
# fmgr glue (src), one file pair per module
CORE_SRCS = $(sort $(wildcard $(top)/src/core/*.c) $(wildcard $(top)/src/core/*.cpp))
OBJS = $(patsubst $(top)/%,%.o,$(basename $(CORE_SRCS) $(sort $(wildcard $(top)/src/*.c))))
# SQL parts in dependency order; concatenated into the install script
SQL_MODULES = capvec nsn capacity forecast stockpile harmonize replenish chart schema outlook views refresh sample scale scaleout
SQL_FILES = $(wildcard $(SQL_MODULES:%=$(top)/src/%.sql))

MODULE_big = $(EXTENSION)
DATA_built = $(EXTENSION)--$(EXTVERSION).sql
# released install scripts are kept as released; upgrade scripts carry every
# change since (see CHANGELOG.md)
DATA = $(EXTENSION)--0.1.0.sql $(notdir $(wildcard $(top)/$(EXTENSION)--*--*.sql))

# every sql/*.sql is a pg_regress test; each one is self-contained
REGRESS = $(sort $(basename $(notdir $(wildcard $(top)/sql/*.sql))))
REGRESS_OPTS = --load-extension=$(EXTENSION)

PG_CPPFLAGS = -I$(top)/src
# the LP solver of the replenishment plan: COIN-OR Clp (EPL-2.0), Debian
# coinor-libclp-dev, through its C++ API (src/core/lp_clp.cpp), so the
# library links the C++ runtime too
SHLIB_LINK = -lClp -lCoinUtils -lstdc++
PG_CFLAGS = -Wextra -Wno-unused-parameter -Wno-sign-compare -Wno-missing-field-initializers
PG_CXXFLAGS = -Wextra -Wno-unused-parameter
ifeq ($(WERROR),1)
PG_CFLAGS += -Werror
PG_CXXFLAGS += -Werror
endif
ifeq ($(ASSERTS),1)
# Assert() in the glue; the server's ExceptionalCondition reports a failure
PG_CPPFLAGS += -DUSE_ASSERT_CHECKING
endif

EXTRA_CLEAN = $(DATA_built) test/unit/build

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

$(EXTENSION)--$(EXTVERSION).sql: $(SQL_FILES) $(EXTENSION).control
	{ printf '%s\n' '-- $(EXTENSION) $(EXTVERSION): generated from src/*.sql by make; do not edit.' \
	  '\echo Use "CREATE EXTENSION $(EXTENSION)" to load this file. \quit'; \
	  for f in $(SQL_FILES); do echo; cat $$f; done; } > $@

$(OBJS): $(top)/src/dp.h $(wildcard $(top)/src/core/*.h)

# a VPATH build puts the objects in src/ and src/core/ below the build directory
$(OBJS) $(OBJS:.o=.bc): | $(CURDIR)/src/core
$(CURDIR)/src/core:
	mkdir -p $@

# the plain-C core is not exported from the library, so its names cannot
# clash with symbols of the server or the libraries it loads
$(filter src/core/%,$(OBJS)): CFLAGS += -fvisibility=hidden
$(filter src/core/%,$(OBJS)): CXXFLAGS += -fvisibility=hidden

.PHONY: unittest
unittest:
	$(MAKE) -f $(abspath $(top))/test/unit/Makefile
