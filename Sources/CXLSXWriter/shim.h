#include <xlsxwriter.h>
#include <stdio.h>

/* libxlsxwriter prints its failures as English lines on C's stderr ("[ERROR][packager.c:…]")
 * besides returning an error code; Bangfu reports the code in its own words, so the stream
 * is pointed elsewhere while the library runs. Returns the stream it replaces. */
static inline FILE *bangfu_replace_stderr(FILE *replacement) {
    FILE *previous = stderr;
    stderr = replacement;
    return previous;
}
