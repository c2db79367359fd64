# Compiles data files into a C++ source, so the CLI and the browser app carry
# the same rule, calendar, criteria and translation data as the tests read.
#   qaward_embed_assets(TARGET <target> BASE <dir> FILES <abs paths...>)
# adds a generated source to <target> that defines qaward::embedded_assets().
function(qaward_embed_assets)
  cmake_parse_arguments(E "" "TARGET;BASE" "FILES" ${ARGN})
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${E_TARGET}_embedded_assets.cpp")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DBASE=${E_BASE} "-DFILES=${E_FILES}"
            -P "${PROJECT_SOURCE_DIR}/scripts/cmake/embed_assets_run.cmake"
    DEPENDS ${E_FILES} "${PROJECT_SOURCE_DIR}/scripts/cmake/embed_assets_run.cmake"
    COMMENT "Embedding ${E_TARGET} assets"
    VERBATIM)
  target_sources(${E_TARGET} PRIVATE "${out}")
endfunction()
