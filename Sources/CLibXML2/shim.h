/* Debian builds libxml2 with ICU, and its encoding.h then includes the system's
 * <unicode/ucnv.h>, whose enums clash with the ICU headers Foundation brings
 * (_FoundationICU). Bangfu reads only UTF-8 parts and never touches the ICU members of
 * xmlCharEncodingHandler, so the ICU part of the header is left out. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/SAX2.h>
