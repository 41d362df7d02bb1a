"""libyaml's parser feeding ruamel's round-trip constructor: the data and line positions that
ruamel's own loader gives, about six times faster.

ruamel's round-trip loader is pure Python, and its scanner and parser take most of its time. The
C extension of PyYAML (libyaml) reads the same events. Here they are composed into ruamel's
nodes, so that ruamel's constructor builds the same CommentedMap and CommentedSeq, with the same
positions, types and anchors. Not kept: comments, and where folded text (>) was wrapped. Only a
caller that writes the data back out needs them (a case variant), and it reads with ruamel alone.

Whatever the two parsers might read differently is left to ruamel (Unsupported): explicit tags,
directives, more than one document, empty plain values (libyaml places them elsewhere), tabs,
byte-order marks, the line breaks of YAML 1.1 (NEL, LS, PS), and two things libyaml allows and
ruamel refuses (_LENIENT). So are errors: a text that
libyaml or the constructor refuses is read again by ruamel, so that its message is the one the
author sees. tests/test_yamlevents.py compares the two on every file and on altered texts.
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import Resolver

try:
    from yaml import YAMLError as LibyamlError
    from yaml import events
    from yaml._yaml import CParser
except ImportError:  # PyYAML without its C extension: ruamel reads everything
    CParser = None

# The YAML 1.2 rules that ruamel applies to a document without a %YAML directive.
_RESOLVER = Resolver()
# Characters that libyaml and ruamel do not treat alike (see the module's docstring).
_LEFT_TO_RUAMEL = ("\t", "\x85", "\u2028", "\u2029", "\ufeff")
# Where libyaml and ruamel part (found by tests/test_yamlevents.py): ruamel refuses a comment
# straight after a block scalar's | or >, a blank first line in a block scalar and a block scalar
# header at the very end; YAML 1.2 allows characters in anchor and alias names (':', '.') that
# end a name for libyaml.
_LENIENT = re.compile(
    r"[|>][-+0-9]*#|[|>][-+0-9]*[ ]*(?:#[^\n]*)?(?:\Z|\r?\n[ ]*\r?(?:\n|\Z))|[&*][A-Za-z0-9_-]+[^\sA-Za-z0-9_,\[\]{}-]"
)


class Unsupported(Exception):
    """The text is for ruamel to read."""


def available() -> bool:
    """Whether libyaml is there to read with."""
    return CParser is not None


def load(text: str, loader: Any) -> Any:
    """The text's data as loader (a round-trip ruamel.yaml.YAML) would load it; Unsupported for
    a text that loader should read itself."""
    node = compose(text)
    if node is None:
        return None
    try:
        return loader.constructor.construct_document(node)
    except (YAMLError, ValueError, TypeError, OverflowError, RecursionError):
        raise Unsupported from None


def compose(text: str) -> Node | None:
    """ruamel's node tree of a single-document text, composed from libyaml's events."""
    if CParser is None or any(char in text for char in _LEFT_TO_RUAMEL) or _LENIENT.search(text):
        raise Unsupported
    parser = CParser(text)
    try:
        return _compose(parser)
    except (LibyamlError, ValueError):  # ValueError: a text that is not valid Unicode
        raise Unsupported from None
    finally:
        parser.dispose()


def _compose(parser: Any) -> Node | None:
    resolve = _RESOLVER.resolve
    anchors: dict[str, Node] = {}
    open_: list[Any] = []  # collections whose end has not come yet
    root = None
    documents = 0
    node: Node
    while True:
        event = parser.get_event()
        kind = type(event)
        if kind is events.ScalarEvent:
            style = event.style or None  # libyaml's plain style is '', ruamel's None
            if event.tag is not None or (event.value == "" and style is None):
                raise Unsupported
            tag = resolve(ScalarNode, event.value, event.implicit)
            node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=style, anchor=event.anchor)
        elif kind is events.MappingStartEvent or kind is events.SequenceStartEvent:
            if event.tag is not None:
                raise Unsupported
            cls = MappingNode if kind is events.MappingStartEvent else SequenceNode
            tag = resolve(cls, None, event.implicit)
            node = cls(tag, [], event.start_mark, None, flow_style=event.flow_style, anchor=event.anchor)
        elif kind is events.AliasEvent:
            if event.anchor not in anchors:
                raise Unsupported
            node = anchors[event.anchor]
        elif kind is events.MappingEndEvent or kind is events.SequenceEndEvent:
            node = open_.pop()
            node.end_mark = event.end_mark
            if kind is events.MappingEndEvent:  # keys and values came one after the other
                items = node.value
                node.value = list(zip(items[::2], items[1::2], strict=True))
            continue
        elif kind is events.DocumentStartEvent:
            documents += 1
            if documents > 1 or event.version is not None or event.tags:
                raise Unsupported
            continue
        elif kind is events.StreamEndEvent:
            return root
        else:  # the start of the stream, the end of the document
            continue
        if kind is not events.AliasEvent and event.anchor is not None:
            if event.anchor in anchors:  # ruamel warns about a reused anchor
                raise Unsupported
            anchors[event.anchor] = node
        if open_:
            open_[-1].value.append(node)
        else:
            root = node
        if kind is events.MappingStartEvent or kind is events.SequenceStartEvent:
            open_.append(node)  # its items follow until its end event
