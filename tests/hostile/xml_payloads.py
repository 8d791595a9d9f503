"""Files a pull request could drop in docs/ that a browser opens as XML, and the problem each must get.

Shared by tests/hostile/test_docs_xml.py (check and build refuse them) and
tests/browser/test_docs_xml_browser.py (Chromium runs the live ones). A payload that
runs script asks the local server for BEACON (replaced by `/ran/<name>`), so the
server, not the page, says whether it ran.
"""

from __future__ import annotations

from dataclasses import dataclass

SVG = 'xmlns="http://www.w3.org/2000/svg"'
XHTML = "http://www.w3.org/1999/xhtml"


@dataclass(frozen=True)
class XmlPayload:
    name: str
    file: str  # its path in docs/
    text: str
    expected: str  # the start of the problem `explainer check` prints for it
    runs: bool = False  # Chromium runs it when the file is opened (and the drawing clicked, if `click`)
    click: bool = False  # the reader clicks the drawing
    encoding: str = "utf-8"

    def content(self) -> bytes:
        return self.text.replace("BEACON", f"/ran/{self.name}").encode(self.encoding)


PAYLOADS = [
    XmlPayload(
        "xhtml-script-in-svg",
        "x1.svg",
        f'<svg {SVG}>\n  <h:script xmlns:h="{XHTML}">fetch("BEACON")</h:script>\n</svg>\n',
        f"docs/x1.svg:2:3: <script> (namespace '{XHTML}') is not allowed in an SVG image",
        runs=True,
    ),
    XmlPayload(
        "prefixed-svg-script",
        "x2.svg",
        '<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:g><s:script>fetch("BEACON")</s:script></s:g></s:svg>',
        "docs/x2.svg:1:50: <script> is not allowed in an SVG image",
        runs=True,
    ),
    XmlPayload(
        "prefixed-root-onload",
        "x3.svg",
        '<?xml version="1.0"?>\n<p:svg xmlns:p="http://www.w3.org/2000/svg" onload="fetch(\'BEACON\')"/>',
        "docs/x3.svg:2:1: event handler 'onload' is not allowed in an SVG image",
        runs=True,
    ),
    XmlPayload(
        "xml-stylesheet-to-xslt",
        "x4.svg",
        f'<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="evil.xsl"?>\n<svg {SVG}><rect width="9"/></svg>',
        "docs/x4.svg:2:1: '<?xml-stylesheet …?>' is not allowed in an SVG image",
        runs=True,
    ),
    XmlPayload(
        "xslt-it-loads",
        "evil.xsl",
        '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:template match="/"><html><body><script>fetch("/ran/xml-stylesheet-to-xslt")</script></body></html>'
        "</xsl:template></xsl:stylesheet>",
        "docs/evil.xsl:1:1: .xsl files are not allowed in docs/",
    ),  # its script reports as the SVG that loads it
    XmlPayload(
        "entity-hides-script",
        "x5.svg",
        f"<!DOCTYPE svg [\n<!ENTITY e '<script {SVG}>fetch(\"BEACON\")</script>'>\n]>\n<svg {SVG}>&e;</svg>",
        "docs/x5.svg:1:",
        runs=True,
    ),
    XmlPayload(
        "foreign-object-img-onerror",
        "x6.svg",
        f'<svg {SVG}>\n<foreignObject width="9" height="9">\n'
        f'<img xmlns="{XHTML}" src="missing.png" onerror="fetch(\'BEACON\')"/></foreignObject></svg>',
        "docs/x6.svg:2:1: <foreignObject> is not allowed in an SVG image",
        runs=True,
    ),
    XmlPayload(
        "utf16-hides-script-from-utf8",
        "x7.svg",
        f'\ufeff<svg {SVG}><script>fetch("BEACON")</script></svg>',
        "docs/x7.svg:1:1: byte 0xff is not UTF-8",
        runs=True,
        encoding="utf-16-le",
    ),
    XmlPayload(
        "xhtml-iframe-srcdoc",
        "x8.svg",
        f'<svg {SVG}><foreignObject><iframe xmlns="{XHTML}" srcdoc="&lt;script&gt;parent.fetch(&quot;BEACON&quot;)&lt;/script&gt;"/></foreignObject></svg>',
        "docs/x8.svg:1:41: <foreignObject> is not allowed in an SVG image",
        runs=True,
    ),
    XmlPayload(
        "xlink-javascript-link",
        "x9.svg",
        f'<svg {SVG} xmlns:q="http://www.w3.org/1999/xlink" width="200" height="200">'
        '<a q:href="javascript:fetch(\'BEACON\')"><rect width="200" height="200"/></a></svg>',
        "docs/x9.svg:1:",
        runs=True,
        click=True,
    ),
    XmlPayload(
        "xml-base-javascript",
        "x10.svg",
        f'<svg {SVG} width="200" height="200" xml:base="javascript:fetch(\'BEACON\')//">'
        '<a href="x"><rect width="200" height="200"/></a></svg>',
        "docs/x10.svg:1:1: attribute 'xml:base' on <svg> is not allowed in an SVG image",
        click=True,
    ),
    XmlPayload(
        "animate-sets-link",
        "x11.svg",
        f'<svg {SVG} width="200" height="200"><a><rect width="200" height="200"/>'
        '<animate attributeName="href" values="javascript:fetch(\'BEACON\')"/></a></svg>',
        "docs/x11.svg:1:",
        runs=True,
        click=True,
    ),
    XmlPayload(
        "set-event-attribute",
        "x12.svg",
        f'<svg {SVG}><set attributeName="onload" to="fetch(\'BEACON\')"/></svg>',
        "docs/x12.svg:1:41: <set> is not allowed in an SVG image",
    ),
    XmlPayload(
        "use-external-document",
        "x13.svg",
        f'<svg {SVG}><use href="data:image/svg+xml,&lt;svg id=&quot;a&quot;/&gt;#a"/></svg>',
        "docs/x13.svg:1:41: reference to 'data:image/svg+xml,<svg id=\"a\"/>#a' on <use> is not allowed",
    ),
    XmlPayload(
        "style-import",
        "x14.svg",
        f"<svg {SVG}>\n<style>@import url(https://evil.example/x.css);</style></svg>",
        "docs/x14.svg:2:1: <style>: a style may not @import anything",
    ),
    XmlPayload(
        "style-attribute-escaped-url",
        "x15.svg",
        f'<svg {SVG}><rect style="fill: u\\72l(https://evil.example/t)"/></svg>',
        "docs/x15.svg:1:41: attribute 'style': a style may not hold escapes",
    ),
    XmlPayload(
        "presentation-attribute-fetch",
        "x16.svg",
        f'<svg {SVG}><rect fill="url(https://evil.example/p.svg#g)"/></svg>',
        "docs/x16.svg:1:41: attribute 'fill': 'url(h' would load something from outside the image",
    ),
    XmlPayload(
        "namespaced-event-attribute",
        "x17.svg",
        f'<svg {SVG} xmlns:e="http://www.w3.org/2001/xml-events"><g e:event="load"/></svg>',
        "docs/x17.svg:1:",
    ),
    XmlPayload(
        "billion-laughs-svg",
        "x18.svg",
        '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        f"\n<svg {SVG}><text>&b;</text></svg>",
        "docs/x18.svg:2:",
    ),
    XmlPayload(
        "plain-xml-document",
        "feed/data.xml",
        f'<data><script xmlns="{XHTML}">fetch("BEACON")</script></data>',
        "docs/feed/data.xml:1:1: .xml files are not allowed in docs/",
        runs=True,
    ),
    XmlPayload(
        "xhtml-page",
        "page.xhtml",
        f'<html xmlns="{XHTML}"><body><script>fetch("BEACON")</script></body></html>',
        "docs/page.xhtml:1:1: .xhtml files are not allowed in docs/",
        runs=True,
    ),
    XmlPayload(
        "svg-not-in-svg-namespace",
        "x19.svg",
        f'<svg><html xmlns="{XHTML}"><script>fetch("BEACON")</script></html></svg>',
        "docs/x19.svg:1:1: <svg> (no namespace) is not allowed in an SVG image",
        runs=True,
    ),
    XmlPayload(
        "mathml-link",
        "formula.mml",
        '<math xmlns="http://www.w3.org/1998/Math/MathML"><mi href="javascript:fetch(\'BEACON\')">x</mi></math>',
        "docs/formula.mml:1:1: .mml files are not allowed in docs/",
    ),
]
# Other types GitHub Pages serves as XML, HTML or a plug-in's document, and types it serves
# with a script's or a style's type outside the folders maintainers review.
REFUSED_TYPES = {
    "news.rss": "<rss/>",
    "news.atom": "<feed/>",
    "a.xslt": "<x/>",
    "a.xht": "<x/>",
    "a.rdf": "<x/>",
    "a.kml": "<x/>",
    "a.gpx": "<x/>",
    "a.xsd": "<x/>",
    "a.mathml": "<x/>",
    "a.svgz": "<x/>",
    "page.HTML": "<script>fetch('/x')</script>",
    "a.htm": "<script>fetch('/x')</script>",
    "a.shtml": "<script>fetch('/x')</script>",
    "a.swf": "x",
    "a.wasm": "x",
    "a.pdf": "%PDF-1.4",
    "a.jsonld": "{}",
    "stray.js": "fetch('/x')",
    "images/stray.mjs": "fetch('/x')",
    "stylesheets/sneaky.js": "fetch('/x')",
    "javascripts/sneaky.css": "body{}",
    "page.markdown": "# Not checked as a page",
    "CNAME": "evil.example",
}
# SVG the check accepts: it draws, links inside itself, and shows the site's own pictures.
ALLOWED_SVG = {
    "allowed/chart.svg": (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        "<!-- a comment -->\n"
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 90 40" '
        'role="img" aria-label="A chart">\n'
        "<title>A chart</title><desc>Bars &amp; a line</desc>\n"
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#3949ab"/></linearGradient>'
        '<symbol id="bar"><rect width="8" height="30"/></symbol>'
        '<filter id="f"><feGaussianBlur stdDeviation="1"/></filter></defs>\n'
        "<style>rect { fill: url(#g); } .t { font: 6px sans-serif }</style>\n"
        '<use href="#bar" x="4"/><use xlink:href="#bar" x="20" filter="url(#f)"/>\n'
        '<image href="../favicon.svg" width="10" height="10" x="60"/>\n'
        '<text class="t" x="40" y="38" xml:lang="en" style="fill: #333">2019 <tspan dy="-2">→</tspan></text>\n'
        "</svg>\n"
    ),
    "allowed/prefixed.svg": (
        '<s:svg xmlns:s="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><s:circle cx="5" cy="5" r="4"/></s:svg>'
    ),
}
