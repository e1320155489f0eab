/*
 * Suggestions while typing in a search box (the header's, and the search page's own): titles
 * of places, organisations, regions, gatherings and pages, from `/sok/forslag/?q=`
 * (search/complete.py).
 *
 * The list is Designsystemet's own combobox engine, <u-datalist> from designsystemet-web.js
 * (loaded, deferred, before this file): it makes the box a WAI-ARIA combobox (role,
 * aria-expanded, aria-controls, aria-activedescendant), moves through the options with the
 * arrow keys, Home and End, closes on Escape, and announces the number of suggestions.
 * This file only fills it: after a pause in typing it asks the server, and choosing an
 * option (Enter on it, or a click) opens that page. Enter with no option chosen submits the
 * form, so the full search is always one key away.
 *
 * Progressive enhancement: without this script (or without designsystemet-web.js) the box
 * is an ordinary search form. The Content-Security-Policy allows no inline script; this
 * file is the site's own. Requests go without cookies, so the page cache answers them.
 */
(() => {
  "use strict";

  const WAIT_MS = 150;
  const MIN_CHARS = 2;

  const enhance = (form) => {
    const input = form.querySelector("input[name=q]");
    if (!input || !input.id) return;
    const list = document.createElement("u-datalist");
    list.id = `${input.id}-suggestions`;
    list.className = "byr-suggestions";
    list.setAttribute("data-nofilter", ""); // the server has chosen them: show them all
    for (const name of ["singular", "plural", "of"]) {
      const text = form.dataset[`sr${name[0].toUpperCase()}${name.slice(1)}`];
      if (text) list.setAttribute(`data-sr-${name}`, text);
    }
    input.after(list);
    input.setAttribute("list", list.id);

    let timer = 0;
    let pending = null;
    let shown = "";

    const show = (query, suggestions) => {
      shown = query;
      const options = suggestions.map((suggestion) => {
        const option = document.createElement("u-option");
        option.setAttribute("value", suggestion.title);
        option.dataset.href = suggestion.url;
        const title = document.createElement("span");
        title.className = "byr-suggestions__title";
        title.lang = suggestion.language;
        title.textContent = suggestion.title;
        const kind = document.createElement("span");
        kind.className = "byr-suggestions__kind";
        // Read after the title: "Ålesund kommune, Organisasjon".
        const comma = document.createElement("span");
        comma.className = "ds-sr-only";
        comma.textContent = ", ";
        kind.append(comma, suggestion.label);
        option.append(title, kind);
        return option;
      });
      list.replaceChildren(...options);
    };

    const ask = async (query) => {
      if (pending) pending.abort();
      pending = new AbortController();
      const url = `${form.dataset.suggestions}?q=${encodeURIComponent(query)}`;
      try {
        const response = await fetch(url, {
          credentials: "omit",
          headers: { Accept: "application/json" },
          signal: pending.signal,
        });
        if (!response.ok) return;
        const answer = await response.json();
        if (input.value.trim() === query) show(query, answer.suggestions || []);
      } catch (error) {
        if (error.name !== "AbortError") show(query, []); // offline: no list, the form works
      }
    };

    input.addEventListener("input", (event) => {
      // u-datalist writes the chosen option's title into the box (an input event with no
      // inputType): that is a choice, not typing.
      if (!event.inputType) return;
      clearTimeout(timer);
      const query = input.value.trim();
      if (query.length < MIN_CHARS) {
        if (pending) pending.abort();
        show("", []);
        return;
      }
      if (query !== shown) timer = setTimeout(ask, WAIT_MS, query);
    });

    // A click on an option, or Enter on the active one (u-datalist clicks it): go there.
    list.addEventListener("click", (event) => {
      const option = event.target.closest("u-option");
      if (option && option.dataset.href) window.location.assign(option.dataset.href);
    });
  };

  if (!window.customElements || !window.fetch) return;
  // The header's box, and the search page's own (which replaces it there).
  document.querySelectorAll("form[data-suggestions]").forEach(enhance);
})();
