#!/usr/bin/env bash
# Build the reference harness corpora/harness/emit_decl against the libbpf of
# the Linux 6.1 tree: the libbpf built into Debian 12's bpftool 7.1.0
# (Debian package bpftool 7.1.0+6.1.N-R is built from the linux 6.1.N-R
# source, which linux-source-6.1 6.1.N-R ships).  See corpora/README.md.
#
#   bash corpora/harness/build.sh            # build (no-op when up to date)
#   bash corpora/harness/build.sh --clean    # start over
#
# Output (git-ignored): $BTFKIT_HARNESS_BUILD (default corpora/harness/build/)
#   linux-6.1/          the few directories of the kernel tree libbpf needs
#   emit_decl           the harness, libbpf 6.1 linked statically
#   emit_decl-libbpf-dev  the same source against the system libbpf-dev, only
#                         to show the differences (never used for goldens)
#   VERSION             what was used, read by make_golden.py
#
# As root it installs what is missing (linux-source-6.1 at the version bpftool
# was built from, libelf-dev, zlib1g-dev, make, gcc) with apt-get.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=${BTFKIT_HARNESS_BUILD:-$here/build}
src=$build/linux-6.1
tarball=/usr/src/linux-source-6.1.tar.xz

log() { printf 'build.sh: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

if [[ ${1:-} == --clean ]]; then
    rm -rf "$build"
    shift
fi

# The kernel package version bpftool was built from: "7.1.0+6.1.192-2" -> "6.1.192-2".
want=""
if dpkg-query -W -f='${Version}' bpftool >/dev/null 2>&1; then
    bv=$(dpkg-query -W -f='${Version}' bpftool)
    want=${bv#*+}
fi
have=$(dpkg-query -W -f='${db:Status-Abbrev} ${Version}' linux-source-6.1 2>/dev/null | awk '$1 ~ /^ii/ {print $2}' || true)

apt_install() {
    if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null; then
        die "missing: $*; install them (apt-get install -y $*) and run again"
    fi
    log "apt-get install -y $*"
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2; then
        apt-get update -q >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2
    fi
}

missing=()
for pkg in libelf-dev zlib1g-dev make gcc xz-utils; do
    dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null | grep -q '^ii' || missing+=("$pkg")
done
if [[ -n $want && $have != "$want" ]]; then
    log "linux-source-6.1 is '${have:-absent}', bpftool was built from linux $want"
    missing+=("linux-source-6.1=$want")
elif [[ -z $have ]]; then
    missing+=(linux-source-6.1)
fi
if ((${#missing[@]})); then
    apt_install "${missing[@]}" || {
        # the exact version may be gone from the archive: take what there is
        [[ -n $want ]] && apt_install linux-source-6.1
    }
    have=$(dpkg-query -W -f='${Version}' linux-source-6.1)
fi
[[ -f $tarball ]] || die "$tarball not found (package linux-source-6.1)"
if [[ -n $want && $have != "$want" ]]; then
    log "WARNING: linux-source-6.1 $have differs from bpftool's $want: the harness may not match bpftool exactly"
fi

tar_sha=$(sha256sum "$tarball" | cut -d' ' -f1)
stamp="linux-source-6.1 $have $tar_sha"
mkdir -p "$build"

if [[ ! -f $src/.stamp || $(cat "$src/.stamp") != "$stamp" ]]; then
    log "extracting the libbpf parts of $tarball ($have)"
    rm -rf "$src"
    mkdir -p "$src"
    # libbpf's Makefile needs tools/{lib/bpf,include,build,scripts}, the
    # arch uapi headers under tools/arch, and scripts/bpf_doc.py for
    # bpf_helper_defs.h.
    tar -xJf "$tarball" -C "$src" --strip-components=1 \
        linux-source-6.1/Makefile \
        linux-source-6.1/tools/lib/bpf \
        linux-source-6.1/tools/include \
        linux-source-6.1/tools/build \
        linux-source-6.1/tools/scripts \
        linux-source-6.1/tools/arch \
        linux-source-6.1/scripts/bpf_doc.py \
        linux-source-6.1/include/uapi/linux/bpf.h \
        linux-source-6.1/include/uapi/linux/btf.h
    echo "$stamp" > "$src/.stamp"
fi

libbpf_a=$src/tools/lib/bpf/libbpf.a
if [[ ! -f $libbpf_a ]]; then
    log "building libbpf.a"
    make -s -C "$src/tools/lib/bpf" -j"$(nproc)" libbpf.a V=0 >&2
fi

cflags=(-O2 -g -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers)
if [[ ! -x $build/emit_decl || $here/emit_decl.c -nt $build/emit_decl || $libbpf_a -nt $build/emit_decl ]]; then
    log "building emit_decl (libbpf from linux $have)"
    gcc "${cflags[@]}" -I"$src/tools/lib" -I"$src/tools/include/uapi" \
        "$here/emit_decl.c" "$libbpf_a" -lelf -lz -o "$build/emit_decl.tmp"
    mv "$build/emit_decl.tmp" "$build/emit_decl"
fi

# dump_data (btf_dump__dump_type_data) against libbpf 6.1, and against the
# oracle libbpf 1.5 / 1.8 when they are built (/opt/btf-oracles, see
# ../shared/oracle/build.sh): dump_data-6.1, dump_data-1.5, dump_data-1.8.
if [[ ! -x $build/dump_data-6.1 || $here/dump_data.c -nt $build/dump_data-6.1 || $libbpf_a -nt $build/dump_data-6.1 ]]; then
    log "building dump_data-6.1"
    gcc "${cflags[@]}" -I"$src/tools/lib" -I"$src/tools/include/uapi" \
        "$here/dump_data.c" "$libbpf_a" -lelf -lz -o "$build/dump_data-6.1"
fi
oracles=${BTFKIT_ORACLES:-/opt/btf-oracles}
for v in 1.5 1.8; do
    pre=$oracles/libbpf-$v
    [[ -f $pre/lib/libbpf.a ]] || { log "note: no $pre/lib/libbpf.a: no dump_data-$v"; continue; }
    if [[ ! -x $build/dump_data-$v || $here/dump_data.c -nt $build/dump_data-$v || $pre/lib/libbpf.a -nt $build/dump_data-$v ]]; then
        log "building dump_data-$v"
        extra=(); [[ $v == 1.8 ]] && extra=(-DHAVE_EMIT_STRINGS)
        gcc "${cflags[@]}" "${extra[@]}" -I"$pre/include" "$here/dump_data.c" "$pre/lib/libbpf.a" \
            -lelf -lz -o "$build/dump_data-$v"
    fi
done

# The comparison build against Debian's libbpf-dev (1.1.2): never used for
# goldens, only to show what differs (see corpora/README.md).
if [[ -f /usr/include/bpf/btf.h ]] && { [[ ! -x $build/emit_decl-libbpf-dev ]] || [[ $here/emit_decl.c -nt $build/emit_decl-libbpf-dev ]]; }; then
    gcc "${cflags[@]}" "$here/emit_decl.c" -lbpf -lelf -lz -o "$build/emit_decl-libbpf-dev" 2>/dev/null \
        || log "note: no comparison build against libbpf-dev"
fi

btf_dump_sha=$(sha256sum "$src/tools/lib/bpf/btf_dump.c" | cut -d' ' -f1)
{
    echo "harness: emit_decl $(sha256sum "$here/emit_decl.c" | cut -d' ' -f1)"
    echo "libbpf: linux-source-6.1 $have ($(sed -n 's/^#define LIBBPF_\(MAJOR\|MINOR\)_VERSION \([0-9]*\)/\2/p' "$src/tools/lib/bpf/libbpf_version.h" | paste -sd.))"
    echo "linux-source-6.1.tar.xz sha256: $tar_sha"
    echo "btf_dump.c sha256: $btf_dump_sha"
    echo "bpftool: ${bv:-absent}"
    echo "gcc: $(gcc -dumpfullversion)"
} > "$build/VERSION"
log "ok: $build/emit_decl"

# The same harness against libbpf 1.5 and 1.8 (bpftool 7.5 and 7.8), from
# the oracles ../shared/oracle/build.sh installs (BTF_ORACLES, default
# /opt/btf-oracles): emit_decl-1.5, emit_decl-1.8.
oracles=${BTF_ORACLES:-/opt/btf-oracles}
for v in 1.5 1.8; do
    lib=$oracles/libbpf-$v/lib/libbpf.a
    [[ -f $lib ]] || { log "no $lib: emit_decl-$v not built (run ../shared/oracle/build.sh)"; continue; }
    if [[ ! -x $build/emit_decl-$v || $here/emit_decl.c -nt $build/emit_decl-$v || $lib -nt $build/emit_decl-$v ]]; then
        log "building emit_decl-$v (libbpf $v)"
        gcc "${cflags[@]}" -I"$oracles/libbpf-$v/include" "$here/emit_decl.c" "$lib" -lelf -lz \
            -o "$build/emit_decl-$v.tmp"
        mv "$build/emit_decl-$v.tmp" "$build/emit_decl-$v"
    fi
    log "ok: $build/emit_decl-$v"
done
echo "$build/emit_decl"
