/* Searchable pickers (issue 16.9): a <select data-picker="URL"> becomes a combobox that asks URL
   for matches as one types (apps/web/pickers.py draws such a select with its chosen options only,
   when the scope has too many rows to list). The ARIA 1.2 combobox pattern: a text input with a
   listbox popup; ArrowDown/ArrowUp move through the matches, Enter chooses, Escape closes; for a
   multiple select the choices are listed as removable chips (Backspace in the empty input removes
   the last). The <select> stays in the form, hidden, and is what the form submits: without
   JavaScript it is the plain dropdown. Strings come translated in data-picker-* attributes. */
(function () {
  "use strict";

  var DELAY = 250;
  var CJK = /[\u3400-\u9fff]/;
  var counter = 0;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function enhance(select) {
    var id = "gz-picker-" + (++counter);
    var multiple = select.multiple;
    var url = select.getAttribute("data-picker");
    var minimum = parseInt(select.getAttribute("data-picker-min") || "2", 10);
    var text = function (name) { return select.getAttribute("data-picker-" + name) || ""; };

    var box = element("div", "gz-picker");
    var chips = element("ul", "gz-picker-chips list-unstyled mb-1");
    var input = element("input", select.className.replace("form-select", "form-control"));
    var list = element("ul", "gz-picker-list list-unstyled");
    var status = element("div", "visually-hidden");
    input.type = "text";
    input.id = id + "-input";
    input.autocomplete = "off";
    input.placeholder = text("placeholder");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id + "-list");
    list.id = id + "-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");

    // The select's label names the combobox now; the select leaves the page's tab order.
    var label = select.id ? document.querySelector('label[for="' + select.id + '"]') : null;
    if (label) {
      label.id = label.id || id + "-label";
      label.htmlFor = input.id;
      list.setAttribute("aria-labelledby", label.id);
    }
    if (multiple) {
      chips.setAttribute("aria-label", label ? label.textContent.trim() : "");
      box.appendChild(chips);
    }
    box.appendChild(input);
    box.appendChild(list);
    box.appendChild(status);
    select.hidden = true;
    select.tabIndex = -1;
    // A hidden required control would stop the form silently ("not focusable"): the server's
    // validation says what is missing instead, and the combobox tells assistive technology.
    if (select.required) {
      select.required = false;
      input.setAttribute("aria-required", "true");
    }
    select.parentNode.insertBefore(box, select.nextSibling);

    var matches = [];   // [{value, label}] shown in the list
    var active = -1;    // index of the highlighted option (or matches.length: "more")
    var more = false;
    var page = 1;
    var query = "";
    var timer = null;
    var request = 0;    // answers of older searches are dropped

    function option(value) {
      for (var i = 0; i < select.options.length; i++) {
        if (select.options[i].value === value) return select.options[i];
      }
      return null;
    }

    function chosenOptions() {
      return Array.prototype.filter.call(select.options, function (o) { return o.selected && o.value !== ""; });
    }

    function drawChips() {
      if (!multiple) {
        var chosen = chosenOptions()[0];
        input.value = chosen ? chosen.textContent : "";
        return;
      }
      chips.textContent = "";
      chosenOptions().forEach(function (o) {
        var chip = element("li", "gz-picker-chip badge text-bg-light border");
        chip.appendChild(element("span", "", o.textContent));
        var remove = element("button", "btn-close ms-1");
        remove.type = "button";
        remove.setAttribute("aria-label", text("remove") + " " + o.textContent);
        remove.addEventListener("click", function () {
          o.selected = false;
          changed();
          input.focus();
        });
        chip.appendChild(remove);
        chips.appendChild(chip);
      });
    }

    function changed() {
      drawChips();
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function choose(match) {
      var existing = option(match.value);
      if (!existing) {
        existing = new Option(match.label, match.value);
        select.appendChild(existing);
      }
      if (!multiple) {
        Array.prototype.forEach.call(select.options, function (o) { o.selected = false; });
      }
      existing.selected = true;
      close();
      changed();
      if (multiple) input.value = "";
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var items = list.querySelectorAll("[role=option]");
      if (!items.length) return;
      active = (index + items.length) % items.length;
      items.forEach(function (item, i) {
        item.setAttribute("aria-selected", i === active ? "true" : "false");
        item.classList.toggle("active", i === active);
      });
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }

    function draw(message) {
      list.textContent = "";
      matches.forEach(function (match, i) {
        var item = element("li", "gz-picker-option", match.label);
        item.id = id + "-option-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        var taken = option(match.value);
        if (taken && taken.selected) item.classList.add("chosen");
        item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(match); });
        list.appendChild(item);
      });
      if (more) {
        var next = element("li", "gz-picker-option gz-picker-more", text("more"));
        next.id = id + "-more";
        next.setAttribute("role", "option");
        next.setAttribute("aria-selected", "false");
        next.addEventListener("mousedown", function (event) { event.preventDefault(); load(page + 1); });
        list.appendChild(next);
      }
      if (message) list.appendChild(element("li", "gz-picker-message text-muted", message));
      status.textContent = message || String(matches.length);
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
      input.removeAttribute("aria-activedescendant");
    }

    function longEnough(value) {
      return value.length >= minimum || CJK.test(value);
    }

    function load(nextPage) {
      var mine = ++request;
      var keep = nextPage > 1 ? matches.length : 0;
      var address = url + (url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(query) + "&page=" + nextPage;
      fetch(address, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.json().then(function (body) { return { ok: response.ok, body: body }; });
        })
        .then(function (answer) {
          if (mine !== request) return;
          if (!answer.ok) { matches = []; more = false; draw(answer.body.error || text("failed")); return; }
          page = nextPage;
          matches = (nextPage > 1 ? matches : []).concat(answer.body.results);
          more = answer.body.more;
          draw(matches.length ? "" : text("empty"));
          if (keep) highlight(keep);
        })
        .catch(function () {
          if (mine === request) { matches = []; more = false; draw(text("failed")); }
        });
    }

    function search() {
      query = input.value.trim();
      clearTimeout(timer);
      if (!query) { request++; close(); return; }
      if (!longEnough(query)) { request++; matches = []; more = false; draw(text("short")); return; }
      timer = setTimeout(function () { load(1); }, DELAY);
    }

    input.addEventListener("input", search);
    input.addEventListener("keydown", function (event) {
      var count = list.querySelectorAll("[role=option]").length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden) { search(); return; }
        highlight(active < 0 ? (event.key === "ArrowDown" ? 0 : count - 1) : active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0) {
          event.preventDefault();  // choosing does not submit the form
          if (active < matches.length) choose(matches[active]); else load(page + 1);
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) { event.preventDefault(); close(); }
        if (!multiple) drawChips();
      } else if (event.key === "Backspace" && multiple && !input.value) {
        var chosen = chosenOptions();
        if (chosen.length) { chosen[chosen.length - 1].selected = false; changed(); }
      }
    });
    input.addEventListener("blur", function () {
      close();
      if (!multiple) {
        if (!input.value.trim()) {  // an emptied single picker chooses nothing ("All" in a filter)
          Array.prototype.forEach.call(select.options, function (o) { o.selected = o.value === ""; });
          changed();
        } else {
          drawChips();
        }
      }
    });
    drawChips();
  }

  document.querySelectorAll("select[data-picker]").forEach(enhance);
})();
