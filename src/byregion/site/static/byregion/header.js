/*
 * The header on a phone: the main menu (with the languages) and the search box each behind a
 * button, so the page's own content starts near the top. On a desktop the buttons are hidden
 * by site.css and both parts always show.
 *
 * Each button is a disclosure (WAI-ARIA APG, "Disclosure Navigation Menu"): a <button> with
 * aria-expanded and aria-controls, so Enter and Space work as on any button; Escape closes
 * the open part and puts focus back on its button. Opening one part closes the other. The
 * search button moves focus into the box, so the phone's keyboard comes up at once.
 *
 * Progressive enhancement: the buttons are `hidden` in the HTML and the parts open, so
 * without this script (or before it runs) everything shows. It is loaded right after the
 * header, not deferred, so the header is folded before the first paint. The Content-Security-
 * Policy allows no inline script; this file is the site's own.
 */
(() => {
  "use strict";

  const header = document.querySelector(".byr-header");
  if (!header) return;
  const buttons = [...header.querySelectorAll(".byr-header__toggle[aria-controls]")];
  const partOf = (button) => document.getElementById(button.getAttribute("aria-controls"));
  if (!buttons.length || !buttons.every(partOf)) return;

  const isOpen = (button) => button.getAttribute("aria-expanded") === "true";

  const setOpen = (button, open) => {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    partOf(button).toggleAttribute("data-open", open);
  };

  for (const button of buttons) {
    button.hidden = false;
    button.addEventListener("click", () => {
      const open = !isOpen(button);
      for (const other of buttons) {
        if (other !== button) setOpen(other, false);
      }
      setOpen(button, open);
      const target = open && button.dataset.focus && partOf(button).querySelector(button.dataset.focus);
      if (target) target.focus();
    });
  }

  header.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    // Only a button the visitor can see: on a desktop the parts always show.
    const open = buttons.find((button) => isOpen(button) && button.offsetParent !== null);
    if (!open) return;
    setOpen(open, false);
    open.focus();
    event.preventDefault();
  });

  header.classList.add("byr-header--folding");
})();
