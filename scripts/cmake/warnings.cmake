# Project warnings as an INTERFACE target: linked by our own targets only,
# never by third-party code.
add_library(qaward_warnings INTERFACE)
target_compile_options(qaward_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Woverloaded-virtual
  $<$<BOOL:${QAWARD_WERROR}>:-Werror>)
option(QAWARD_WERROR "Treat project warnings as errors" OFF)
