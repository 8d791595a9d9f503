"""SVG images in docs/, read as a browser reads a standalone .svg: as namespaced XML.

Opened on its own, an SVG file is a document of the site: a script in it runs with the
site's address. An HTML parser does not see what XML sees (prefixes, processing
instructions, xlink: attributes, entities), so the file is parsed as XML (defusedxml:
no DTD, no entities, nothing fetched) and every element and attribute is checked, by
its resolved namespace and local name, against an allow-list of static drawing. Links
may point only inside the image; an <image> may show a picture of the site itself.
"""

from __future__ import annotations

import io
import re
from typing import Any
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler, feature_namespaces
from xml.sax.xmlreader import AttributesNSImpl, Locator

from defusedxml import DefusedXmlException
from defusedxml.expatreader import DefusedExpatParser

from explainer.handwritten.markup import shown
from explainer.model.problems import Problem

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"

# Static drawing only: no script, foreignObject, <a>, animation (it can set links), <metadata>.
_ELEMENT_NAMES = (
    "svg g defs symbol use title desc style switch view path rect circle ellipse line polyline polygon "
    "text tspan textPath linearGradient radialGradient stop pattern clipPath mask marker image filter "
    "feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting "
    "feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur "
    "feMerge feMergeNode feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile "
    "feTurbulence"
)
ALLOWED_ELEMENTS = frozenset(_ELEMENT_NAMES.split())
# Attributes without a namespace: geometry, presentation and filter parameters (aria-* too).
_ATTRIBUTE_NAMES = (
    "id class style lang role tabindex focusable version baseProfile width height x y x1 y1 x2 y2 cx cy r rx ry "
    "fx fy fr d points pathLength viewBox preserveAspectRatio transform gradientTransform gradientUnits "
    "patternTransform patternUnits patternContentUnits spreadMethod offset clipPathUnits maskUnits "
    "maskContentUnits markerWidth markerHeight markerUnits refX refY orient fill fill-opacity fill-rule "
    "stroke stroke-width stroke-linecap stroke-linejoin stroke-miterlimit stroke-dasharray stroke-dashoffset "
    "stroke-opacity opacity clip-path clip-rule mask filter color display visibility overflow font-family "
    "font-size font-weight font-style font-variant font-stretch text-anchor dominant-baseline "
    "alignment-baseline baseline-shift letter-spacing word-spacing text-decoration writing-mode direction "
    "unicode-bidi paint-order vector-effect shape-rendering text-rendering image-rendering "
    "color-interpolation color-interpolation-filters flood-color flood-opacity lighting-color stop-color "
    "stop-opacity marker-start marker-mid marker-end dx dy rotate textLength lengthAdjust startOffset method "
    "spacing side href in in2 result stdDeviation mode operator k1 k2 k3 k4 type values tableValues slope "
    "intercept amplitude exponent order kernelMatrix divisor bias targetX targetY edgeMode preserveAlpha "
    "surfaceScale diffuseConstant specularConstant specularExponent kernelUnitLength azimuth elevation z "
    "pointsAtX pointsAtY pointsAtZ limitingConeAngle scale xChannelSelector yChannelSelector radius "
    "baseFrequency numOctaves seed stitchTiles filterUnits primitiveUnits media"
)
ALLOWED_ATTRIBUTES = frozenset(_ATTRIBUTE_NAMES.split())
ALLOWED_NAMESPACED_ATTRIBUTES = frozenset({(XLINK_NS, "href"), (XML_NS, "lang"), (XML_NS, "space")})
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg")
_FRAGMENT_RE = re.compile(r"#[A-Za-z_][\w.:-]*")
# A picture of this site: a relative path (no scheme, host, backslash or query) to an image file.
_SITE_IMAGE_RE = re.compile(r"(?:\.{1,2}/)*[\w][\w./-]*", re.ASCII)
# CSS that fetches: url() and friends unless they name a fragment, @import, and escapes that could hide them.
_CSS_FETCH_RE = re.compile(
    r"\b(url|src|image-set|-webkit-image-set|image|cross-fade|element)\s*\(\s*(['\"]?)\s*(.?)", re.I
)
_DECLARED_ENCODING_RE = re.compile(r"""<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']""")


def css_problem(css: str) -> str | None:
    """Why a style (an attribute value or a <style> element) may not stand, if it may not."""
    if "\\" in css:
        return "a style may not hold escapes ('\\')"
    if "@import" in css.lower():
        return "a style may not @import anything"
    for match in _CSS_FETCH_RE.finditer(css):
        if match.group(1).lower() not in ("url", "src") or match.group(3) != "#":
            return f"'{shown(match.group(0))}' would load something from outside the image"
    return None


def _attribute_name(uri: str | None, local: str) -> str:
    """An attribute's name as messages print it: `xlink:href`, `xml:base`, or the local name."""
    return {XLINK_NS: "xlink:", XML_NS: "xml:"}.get(uri or "", "") + local


def _href_problem(element: str, value: str) -> str | None:
    if _FRAGMENT_RE.fullmatch(value):
        return None
    if element == "image" and _SITE_IMAGE_RE.fullmatch(value) and value.lower().endswith(IMAGE_SUFFIXES):
        return None
    allowed = "a '#name' inside the image"
    if element == "image":
        allowed += ", or a picture of this site (e.g. 'chart.png')"
    return f"reference to '{shown(value)}' on <{element}> is not allowed: only {allowed}"


class _Finder(ContentHandler):
    """Collects every refusal with the parser's line and column."""

    def __init__(self, shown_path: str) -> None:
        super().__init__()
        self.shown_path = shown_path
        self.problems: list[Problem] = []
        self.locator: Locator | None = None
        self.depth = 0
        self.style_text: list[str] | None = None  # inside a <style>: its text so far
        self.style_at = (1, 1)

    def setDocumentLocator(self, locator: Locator) -> None:
        self.locator = locator

    def where(self) -> tuple[int, int]:
        if self.locator is None:
            return 1, 1
        return self.locator.getLineNumber() or 1, (self.locator.getColumnNumber() or 0) + 1

    def refuse(self, message: str, at: tuple[int, int] | None = None) -> None:
        self.problems.append(Problem(self.shown_path, *(at or self.where()), "", message))

    def processingInstruction(self, target: str, data: str) -> None:
        self.refuse(f"'<?{shown(target, 30)} …?>' is not allowed in an SVG image: a browser would follow it")

    def startElementNS(self, name: tuple[str | None, str], qname: str | None, attrs: AttributesNSImpl) -> None:
        uri, local = name
        written = local  # expat does not say which prefix was written: the message names the namespace
        self.depth += 1
        if uri != SVG_NS:
            where = f"namespace '{shown(uri)}'" if uri else "no namespace"
            self.refuse(f"<{shown(written)}> ({where}) is not allowed in an SVG image: only SVG drawing elements")
        elif self.depth == 1 and local != "svg":
            self.refuse(f"an SVG image must start with <svg>, not <{shown(written)}>")
        elif local not in ALLOWED_ELEMENTS:
            self.refuse(f"<{shown(written)}> is not allowed in an SVG image")
        else:
            if local == "style":
                self.style_text, self.style_at = [], self.where()
            self._attributes(local, attrs)

    def _attributes(self, element: str, attrs: AttributesNSImpl) -> None:
        """An allowed element's attributes (a refused element is one problem, whatever it carries)."""
        for (attribute_uri, attribute), value in attrs.items():
            self._attribute(element, _attribute_name(attribute_uri, attribute), attribute_uri, attribute, value)

    def _attribute(self, element: str, qname: str, uri: str | None, local: str, value: str) -> None:
        if uri is None and local.lower().startswith("on"):
            self.refuse(f"event handler '{shown(qname)}' is not allowed in an SVG image")
        elif not (uri is None and (local in ALLOWED_ATTRIBUTES or local.startswith("aria-"))) and (
            (uri, local) not in ALLOWED_NAMESPACED_ATTRIBUTES
        ):
            where = f" (namespace '{shown(uri)}')" if uri and uri not in (XLINK_NS, XML_NS) else ""
            self.refuse(f"attribute '{shown(qname)}'{where} on <{shown(element)}> is not allowed in an SVG image")
        elif local == "href" and uri in (None, XLINK_NS):
            if problem := _href_problem(element, value):
                self.refuse(problem)
        elif problem := css_problem(value):
            self.refuse(f"attribute '{shown(qname)}': {problem}")

    def characters(self, content: str) -> None:
        if self.style_text is not None:
            self.style_text.append(content)

    def endElementNS(self, name: tuple[str | None, str], qname: str | None) -> None:
        self.depth -= 1
        if self.style_text is not None and name == (SVG_NS, "style"):
            if problem := css_problem("".join(self.style_text)):
                self.refuse(f"<style>: {problem}", self.style_at)
            self.style_text = None


def _encoding_problem(raw: bytes, shown_path: str) -> Problem | None:
    """The browser and this check must read the same characters: UTF-8 only."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8"
        return Problem(shown_path, line, column, "", message)
    declared = _DECLARED_ENCODING_RE.match(text)
    if declared and declared.group(1).lower() != "utf-8":
        return Problem(shown_path, 1, 1, "", f"encoding '{shown(declared.group(1))}' is not allowed; save it as UTF-8")
    return None


def svg_problems(raw: bytes, shown_path: str) -> list[Problem]:
    """Everything in an SVG file that could run a script, follow a link or load something, or that XML refuses."""
    refused = _encoding_problem(raw, shown_path)
    if refused:
        return [refused]
    finder = _Finder(shown_path)
    parser: Any = DefusedExpatParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    parser.setFeature(feature_namespaces, True)
    parser.setContentHandler(finder)
    try:
        parser.parse(io.BytesIO(raw))  # parse(), not feed(): only parse() hands the handler a locator
    except SAXParseException as exc:
        line, column = exc.getLineNumber() or 1, (exc.getColumnNumber() or 0) + 1
        finder.refuse(f"not well-formed XML: {exc.getMessage()}", (line, column))
    except DefusedXmlException:  # raised from inside the parse: the locator is where it stopped
        finder.refuse("a DOCTYPE or entity declaration is not allowed in an SVG image")
    return sorted(finder.problems)
