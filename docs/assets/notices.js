/* Clause tools: copy link, copy citation, and highlight the clause a link opened. */
(function () {
  "use strict";

  function clauseUrl(heading) {
    return location.href.split("#")[0] + "#" + heading.id;
  }

  function button(label, title, text) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.title = title;
    b.setAttribute("data-clipboard-text", text);
    b.addEventListener("click", function () {
      /* Material's ClipboardJS copies data-clipboard-text and shows its toast; where the
         async clipboard API exists (HTTPS, localhost) it is used as well. */
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).catch(function () {});
      }
    });
    return b;
  }

  function addTools() {
    var headings = document.querySelectorAll(".md-typeset .clause[id]");
    headings.forEach(function (heading) {
      if (heading.querySelector(".clause-tools")) return;
      var tools = document.createElement("span");
      tools.className = "clause-tools";
      tools.appendChild(button("复制链接", "复制本条款的链接", clauseUrl(heading)));
      tools.appendChild(button("复制引用", "复制引用：" + heading.dataset.citation,
        heading.dataset.citation));
      heading.appendChild(tools);
    });
  }

  function level(element) {
    var match = /^H([1-6])$/.exec(element.tagName);
    return match ? Number(match[1]) : 7;
  }

  function highlight() {
    document.querySelectorAll(".clause-target").forEach(function (el) {
      el.classList.remove("clause-target");
    });
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target || !target.classList.contains("clause")) return;
    var depth = level(target);
    var element = target;
    do {
      element.classList.add("clause-target");
      element = element.nextElementSibling;
    } while (element && level(element) > depth);
    target.scrollIntoView({ block: "start" });
  }

  /* Topic pages: the year compared with the one before, chosen in a list. */
  function initCompare() {
    document.querySelectorAll(".compare-years select.compare-year").forEach(function (select) {
      if (select.dataset.ready) return;
      select.dataset.ready = "1";
      var section = select.closest(".compare-years");
      select.addEventListener("change", function () {
        section.querySelectorAll(".compare-pair").forEach(function (pair) {
          pair.hidden = pair.dataset.year !== select.value;
        });
      });
    });
  }

  /* On a phone, what stands before the text (what is new, the comparison) starts folded,
     so that the first screen reaches the clauses; wider screens show it open. */
  function foldOnPhone() {
    if (!window.matchMedia("(max-width: 600px)").matches) return;
    document.querySelectorAll("details.fold[open]").forEach(function (details) {
      if (details.dataset.folded) return;
      details.dataset.folded = "1";
      details.removeAttribute("open");
    });
  }

  function init() {
    foldOnPhone();
    addTools();
    highlight();
    initCompare();
  }

  window.addEventListener("hashchange", highlight);
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);  /* Material's instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
