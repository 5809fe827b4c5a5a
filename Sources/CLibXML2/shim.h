// libxml2 is built with ICU on Debian and its encoding.h then includes the system's ICU
// headers, which clash with the ICU copy inside Foundation. h20q never touches libxml2's
// encoding handler internals (only pointers to them), so the ICU parts are left out.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
