/*
 * asan_early.c: a shim preloaded after the AddressSanitizer runtime into the
 * stock PostgreSQL binaries (see run.sh).
 *
 * postgres is not built with ASan, so the shared runtime is preloaded
 * (LD_PRELOAD).  It then initialises lazily, at the first malloc, and that
 * malloc can come from a library constructor that runs before the runtime's
 * own and holds a glibc lock: libgpg-error's constructor calls
 * bindtextdomain (holding the gettext lock), libp11-kit's calls newlocale
 * (holding the locale lock).  The runtime's initialisation looks up
 * swift_demangle with dlsym and, when it is missing, clears the error with
 * dlerror(), which translates the message with gettext and takes those very
 * locks again: the lock is corrupted and the next bindtextdomain or
 * setlocale (postgres's own, in main) waits for ever.
 *
 * This shim defines swift_demangle, so the lookup succeeds and dlerror() is
 * never called.  The runtime calls it only to demangle Swift names in
 * reports; answering NULL means "not a Swift name".
 */
#include <stddef.h>
#include <stdint.h>

char	   *swift_demangle(const char *name, size_t len, char *out, size_t *out_len, uint32_t flags);

char *
swift_demangle(const char *name, size_t len, char *out, size_t *out_len, uint32_t flags)
{
	return NULL;
}
