"""The edition's images on its pages: a figure's graphics and a page's image (`pb/@facs`). An image
beside the TEI is copied into the site (media/…); one elsewhere may be linked, never loaded (the site
makes no third-party requests)."""
from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from lxml import etree

from tei_edition.links import expand_prefix, xml_base
from tei_edition.tei import NS, elements, local_name
from tei_edition.urls import media_path

if TYPE_CHECKING:
    from tei_edition.inline import Transformer


def image_url(tx: Transformer, graphic: etree._Element) -> str:
    """An image of the edition folder, copied into the site under media/; its URL from the page. (One
    on another host is linked by its holder instead: `image_elsewhere`.)"""
    site_path = image_file(tx, graphic, (graphic.get("url") or "").strip())
    return (tx.page.root if tx.page else "") + site_path if site_path else ""


def image_elsewhere(tx: Transformer, graphic: etree._Element) -> str:
    """The web address of a figure's image on another host (an OpenEdition export's), which the page
    links to rather than loads (no page loads anything from another host), with a warning; "" if the
    image is not elsewhere."""
    url = (graphic.get("url") or "").strip()
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return ""
    if not tx.rendering:  # (the model's walk reports it, once)
        tx.warn(graphic, f"graphic url=\"{shown_url(url)}\" is an image on another host: the page links to it "
                         f"rather than loading it from there (no page of the edition loads anything from another "
                         f"host); to show it, download it into a folder beside the TEI file (images/"
                         f"{shown_url(posixpath.basename(urlsplit(url).path))}) and name it there")
    return url


def image_file(tx: Transformer, element: etree._Element, url: str) -> str:
    """The site path (media/…) of an image of the edition folder named by `url`, copied into the
    site; "" (and a located error) if it is not one."""
    source = (tx.path.parent / url).resolve()
    attribute = "facs" if local_name(element) == "pb" else "url"
    what = f"{local_name(element)} {attribute}=\"{shown_url(url)}\""
    if not url or urlsplit(url).scheme or url.startswith("/") or ".." in Path(url).parts:
        elsewhere = ", or be an http(s) address (a private URI, 'prefix:...', as the header's prefixDef for its " \
                    "prefix expands it)" if attribute == "facs" else ""
        tx.error(element, f"{what} must name an image file beside the TEI file or in a folder below it "
                          f"(a relative path, without '..'){elsewhere}")
        return ""
    if not source.is_file():
        tx.error(element, f"{what}: no such image ({source}); put it there, or correct the url")
        return ""
    site_path = media_path(Path(url).as_posix())
    tx.media[site_path] = source
    return site_path


def facsimile(tx: Transformer, pb: etree._Element) -> str:
    """The site path of a page's image (`pb/@facs`: an image beside the TEI, copied into the site), or
    its URL elsewhere (http(s): a link, which loads nothing); "" without one. `facs` may name the image
    or point (#id) to the facsimile's `surface` (its first graphic) or `graphic`."""
    target, where = expand_prefix(pb, (pb.get("facs") or "").strip()), pb
    if not target and local_name(pb) == "surface":  # a sourceDoc's page: its own image
        own = pb.find("t:graphic", NS)
        target, where = ((own.get("url") or "").strip(), own) if own is not None else ("", pb)
    if not target:
        return ""
    if target.startswith("#"):
        found = tx.target(pb, target[1:])
        graphic = found if found is not None and local_name(found) == "graphic" else \
            (found.find(".//t:graphic", NS) if found is not None else None)
        if found is None or local_name(found) not in ("graphic", "surface", "surfaceGrp", "zone", "facsimile"):
            tx.error(pb, f"pb facs=\"{shown_url(target)}\" points to no image: to a graphic, or a surface with one")
            return ""
        if graphic is None or not (graphic.get("url") or "").strip():
            if not tx.rendering:  # (a Transkribus export without its images: its zones and no graphic)
                tx.warn(pb, f"pb facs=\"{shown_url(target)}\": its {local_name(found)} has no image (a graphic with "
                            f"a url), so the page's marker links to none")
            return ""
        target, where = (graphic.get("url") or "").strip(), graphic
    # An image named relative to an http(s) xml:base, not beside the TEI (the Whitman Archive's `text
    # xml:base="https://whitmanarchive.org/media/figures/"`): the address XML Base makes of it.
    if not urlsplit(target).scheme and not (tx.path.parent / target).is_file() and (base := xml_base(where)):
        target = urljoin(base, target)
    if urlsplit(target).scheme.lower() in ("http", "https"):
        return target
    if where is pb and not (tx.path.parent / target).is_file() and elements(
            pb.getroottree(), "//t:facsimile//t:graphic[@url=$url]", url=target):
        # (Schnitzler's letters: facs names a facsimile graphic whose url is an image server's id)
        if not tx.rendering:
            tx.warn(pb, f"pb facs=\"{shown_url(target)}\" names the facsimile's graphic of that url, which is no "
                        f"image beside the TEI nor a web address: the page's marker links to none (write the "
                        f"image's http(s) address in the graphic's url, and facs=\"#its-id\")")
        return ""
    return image_file(tx, where, target)


def shown_url(url: str, room: int = 160) -> str:
    """A URL as a message shows it: whole, or its start and its end (where images of one folder differ)."""
    return url if len(url) <= room else f"{url[:room // 2 - 1]}…{url[-(room // 2):]}"
