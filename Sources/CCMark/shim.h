// libcmark 0.30 (CommonMark reference parser), from Debian's libcmark-dev.
#include <cmark.h>
