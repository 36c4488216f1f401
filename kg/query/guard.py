"""What a SPARQL text may make the engine do beyond reading the store: federated SERVICE calls and LOAD.

Oxigraph sends an HTTP request to any URL a query's `SERVICE <url>` names (and `LOAD <url>` in an update fetches
one): from a server, that lets anyone who can send a query make requests from the server's machine (to its
intranet, to cloud metadata addresses). `kg query` and `kg serve` refuse both unless `--allow-service` is given.

The check reads the query's tokens, not its parse tree (pyoxigraph exposes none): strings, IRIs and comments are
blanked out first, so `"SERVICE"` in a literal does not count, and a keyword hidden in a \\u escape does.
"""

from __future__ import annotations

import re

_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# Strings (long ones first), IRIs, comments: their text is data, never a keyword.
_OPAQUE = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
)
# The keyword, unless it is part of a longer name: ?SERVICE, $SERVICE, ex:SERVICE, _:bSERVICE, ex:a-SERVICE,
# service:x (a prefix).
# Erring on the side of refusal: `ex:a.SERVICE` (a rare local name with a dot) is refused too.
_KEYWORD = r"(?<![\w?$:\-]){}(?![\w:\-])"
_SERVICE = re.compile(_KEYWORD.format("SERVICE"), re.IGNORECASE)
_LOAD = re.compile(_KEYWORD.format("LOAD"), re.IGNORECASE)


class ServiceRefused(PermissionError):
    """A query or update that would make the engine send requests over the network."""


def _tokens_text(text: str) -> str:
    """The text as the SPARQL lexer sees it (codepoint escapes applied, SPARQL 1.1 §19.2) with data blanked."""
    text = _CODEPOINT.sub(lambda m: chr(int(m[1] or m[2], 16)) if int(m[1] or m[2], 16) < 0x110000 else m[0], text)
    return _OPAQUE.sub(lambda m: " " * len(m.group()), text)


def uses_service(query: str) -> bool:
    return bool(_SERVICE.search(_tokens_text(query)))


def uses_load(update: str) -> bool:
    return bool(_LOAD.search(_tokens_text(update)))


def check_network(text: str, *, allow_service: bool, update: bool = False) -> None:
    """Raise ServiceRefused when `text` has a SERVICE call (or, for an update, a LOAD) and that is not allowed."""
    if allow_service:
        return
    if uses_service(text):
        raise ServiceRefused("federated SERVICE calls are refused: they make this machine send requests to any URL "
                             "a query names (allow them with --allow-service)")
    if update and uses_load(text):
        raise ServiceRefused("LOAD is refused: it fetches any URL an update names (allow it with --allow-service)")
