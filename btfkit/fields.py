"""Where each field of a BTF record sits, counted in 32-bit words.

A record (``struct btf_type``) is three words -- ``name_off``, ``info``,
``size``/``type`` -- and then, by kind, one ``struct btf_array``, one INT
word, one VAR or DECL_TAG word, or ``vlen`` members, parameters,
enumerators or var_secinfos.  Readers that work on the raw words (the
raw/JSON renderer, the C printer's scans, the validator's fast check) take
the positions from here; they are computed from the record field lists of
:mod:`btfkit.schema.btf_formats`, which the tests check against the construct
schemas, so no reader spells a position of its own.

``X`` is a word of the record header; ``KIND_X`` is the word of field ``X``
of the kind's first extra record, counted from the start of the
``btf_type``; ``KIND_WORDS`` is the size of one such extra record.
"""

from __future__ import annotations

from .schema.btf_formats import word_of as _word_of, words as _words

NAME = _word_of("type_header", "name_off")          #: t->name_off
INFO = _word_of("type_header", "info")              #: t->info: kind, vlen, kind_flag
TYPE = _word_of("type_header", "size_or_type")      #: t->type, or t->size
SIZE = TYPE
HDR_WORDS = _words("type_header")                   #: the extra records start here

INT_DATA = HDR_WORDS + _word_of("int_info", "data")             #: encoding, offset, bits
ARRAY_TYPE = HDR_WORDS + _word_of("array", "type")              #: btf_array(t)->type
ARRAY_INDEX = HDR_WORDS + _word_of("array", "index_type")       #: ->index_type
ARRAY_NELEMS = HDR_WORDS + _word_of("array", "nelems")          #: ->nelems
MEMBER_WORDS = _words("member")
MEMBER_NAME = HDR_WORDS + _word_of("member", "name_off")        #: btf_members(t)[0].name_off
MEMBER_TYPE = HDR_WORDS + _word_of("member", "type")            #: ...type
MEMBER_OFFSET = HDR_WORDS + _word_of("member", "offset")        #: ...offset
PARAM_WORDS = _words("param")
PARAM_NAME = HDR_WORDS + _word_of("param", "name_off")          #: btf_params(t)[0].name_off
PARAM_TYPE = HDR_WORDS + _word_of("param", "type")              #: ...type
ENUM_WORDS = _words("enum")
ENUM_NAME = HDR_WORDS + _word_of("enum", "name_off")            #: btf_enum(t)[0].name_off
ENUM_VAL = HDR_WORDS + _word_of("enum", "val")                  #: ...val
ENUM64_WORDS = _words("enum64")
ENUM64_NAME = HDR_WORDS + _word_of("enum64", "name_off")        #: btf_enum64(t)[0].name_off
ENUM64_LO = HDR_WORDS + _word_of("enum64", "val_lo32")          #: ...val_lo32
ENUM64_HI = HDR_WORDS + _word_of("enum64", "val_hi32")          #: ...val_hi32
VAR_LINKAGE = HDR_WORDS + _word_of("var", "linkage")            #: btf_var(t)->linkage
SECINFO_WORDS = _words("var_secinfo")
SECINFO_TYPE = HDR_WORDS + _word_of("var_secinfo", "type")      #: btf_var_secinfos(t)[0].type
SECINFO_OFFSET = HDR_WORDS + _word_of("var_secinfo", "offset")  #: ...offset
SECINFO_SIZE = HDR_WORDS + _word_of("var_secinfo", "size")      #: ...size
DECL_TAG_IDX = HDR_WORDS + _word_of("decl_tag", "component_idx")  #: btf_decl_tag(t)->component_idx (signed)


def info_kind(info: int) -> int:
    """BTF_INFO_KIND(): 7 bits from libbpf 1.8 (5 before; the extra bits were 0)."""
    return (info >> 24) & 0x7F


def info_vlen(info: int) -> int:
    """BTF_INFO_VLEN(): 24 bits from libbpf 1.8 (16 before; the extra bits were 0)."""
    return info & 0xFFFFFF


def info_kflag(info: int) -> int:
    """BTF_INFO_KFLAG()."""
    return info >> 31
