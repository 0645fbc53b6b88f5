# SPDX-License-Identifier: EUPL-1.2
# l2e_soname(VAR PREFIX): the soname (e.g. libcurl.so.4) of the library
# that pkg_check_modules(PREFIX ...) found, read from the file with
# objdump. libcurl and libqpdf are opened by that name when a run first
# needs them (src/lib/core/dlib.c), so it must be the one whose headers
# the build used.
function(l2e_soname var prefix)
  find_program(L2E_OBJDUMP NAMES objdump ${CMAKE_OBJDUMP} REQUIRED)
  set(name "")
  foreach(lib IN LISTS ${prefix}_LINK_LIBRARIES)
    if(name STREQUAL "" AND lib MATCHES "\\.so")
      execute_process(COMMAND ${L2E_OBJDUMP} -p ${lib}
                      OUTPUT_VARIABLE dump ERROR_QUIET)
      if(dump MATCHES "SONAME +([^\n ]+)")
        set(name ${CMAKE_MATCH_1})
      endif()
    endif()
  endforeach()
  if(name STREQUAL "")
    message(FATAL_ERROR "cannot read the soname of ${prefix} "
      "(${${prefix}_LINK_LIBRARIES}); is objdump (binutils) installed?")
  endif()
  message(STATUS "${prefix} is opened as ${name} when first needed")
  set(${var} ${name} PARENT_SCOPE)
endfunction()
