# shellcheck shell=bash
# Sourced by tools/*: the Debian release this machine runs and the names its
# packages have there.  One place for every difference between the releases
# anycastd is built and tested on (Debian 12 bookworm: frr 8.4.4, libyang 2;
# Debian 13 trixie: frr 10.3, libyang 3).
distro_codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
case $distro_codename in
bookworm | jammy | noble)
	pkg_libyang_dev=libyang2-dev
	pkg_yanglint=libyang2-tools
	clang_ver=14
	pkg_curl_gnutls=libcurl3-gnutls
	;;
*)
	# trixie and later (Ubuntu 25.04+ likewise): libyang 3, the t64 names
	pkg_libyang_dev=libyang-dev
	pkg_yanglint=libyang3-tools
	clang_ver=19
	pkg_curl_gnutls=libcurl3t64-gnutls
	;;
esac
# clang for libFuzzer and the sanitizers' runtimes
CLANG=${CLANG:-clang-$clang_ver}
pkg_clang=(clang-$clang_ver libclang-rt-$clang_ver-dev)
