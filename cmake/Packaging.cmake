# SPDX-License-Identifier: EUPL-1.2
# Debian packages with CPack (cpack -G DEB in a build configured with
# -DCMAKE_INSTALL_PREFIX=/usr -DBUILD_SHARED_LIBS=ON; see
# scripts/package-test.sh):
#   lob2europass         the tool, mappings and code lists, the manual
#                        page, the documentation
#   liblob2europass0     the shared library (named by its SONAME)
#   liblob2europass-dev  headers, lob2europass.pc, the CMake package
# Runtime dependencies come from dpkg-shlibdeps; the -dev package needs
# the -dev packages its pkg-config file names (Requires.private).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME lob2europass)
set(CPACK_PACKAGE_VENDOR "lob2europass developers")
set(CPACK_PACKAGE_CONTACT "lob2europass developers <lob2europass@example.nl>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "convert MBO LOB dossiers to Europass documents")
set(CPACK_PACKAGE_DESCRIPTION
    "lob2europass reads the exports of Dutch MBO student systems (JSON,
CSV bundles, XML, over HTTPS), maps each student's LOB dossier through
a declarative mapping file and writes Europass v3.4 XML and JSON and the
Europass CV XML, never a national identifier. Includes the library.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime lib dev)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/lob2europass/lob2europass")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME lob2europass)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS "ca-certificates")
# purge also removes the schemas `lob2europass schemas install` added
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA ${PROJECT_SOURCE_DIR}/cmake/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_LIB_PACKAGE_NAME liblob2europass0)
set(CPACK_DEBIAN_LIB_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_LIB_PACKAGE_SHLIBDEPS ON)
# libcurl and libqpdf are opened by soname when first needed
# (src/lib/core/dlib.c), so dpkg-shlibdeps does not see them: the
# packages that hold those files, at least the versions built against
set(L2E_DLOPEN_DEPENDS "")
foreach(dep CURL QPDF)
  execute_process(COMMAND dpkg-query -S "*/${L2E_${dep}_SONAME}"
                  OUTPUT_VARIABLE owner ERROR_QUIET)
  if(owner MATCHES "^([^:,]+)")
    list(APPEND L2E_DLOPEN_DEPENDS "${CMAKE_MATCH_1} (>= ${${dep}_VERSION})")
  endif()
endforeach()
list(JOIN L2E_DLOPEN_DEPENDS ", " CPACK_DEBIAN_LIB_PACKAGE_DEPENDS)
# a shlibs file and an ldconfig trigger, as Debian's library packages have
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
# the tool's own library is found in the build tree, not on the system
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${PROJECT_BINARY_DIR}/src)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
set(CPACK_DEBIAN_LIB_PACKAGE_CONTROL_EXTRA ${PROJECT_SOURCE_DIR}/cmake/triggers)
set(CPACK_COMPONENT_RUNTIME_DEPENDS lib)
# without this CPack drops the component dependencies from Depends, and
# `apt install ./lob2europass_*.deb` alone would not bring the library
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
set(CPACK_COMPONENT_DEV_DEPENDS lib)
set(CPACK_COMPONENT_LIB_DESCRIPTION
    "lob2europass: the shared library liblob2europass
(MBO LOB dossiers to Europass documents).")
set(CPACK_DEBIAN_DEV_PACKAGE_NAME liblob2europass-dev)
# liblob2europass0 (= version) comes from the component dependency
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS
    "libxml2-dev, libcjson-dev, libssl-dev, libzip-dev, zlib1g-dev")
set(CPACK_COMPONENT_RUNTIME_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_COMPONENT_DEV_DESCRIPTION
    "lob2europass: headers, pkg-config file and CMake package
for C programs that embed liblob2europass.")
include(CPack)
