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

  /* Topic pages: two years of provincial requirements side by side. */
  function sentences(text) {
    return text.match(/[^。；！？\n]+[。；！？]?/g) || [];
  }

  function bigrams(text) {
    var grams = new Set();
    var han = text.replace(/[^\u4e00-\u9fff]/g, "");
    for (var i = 0; i < han.length - 1; i++) grams.add(han.slice(i, i + 2));
    return grams;
  }

  function similarity(a, b) {
    if (!a.size || !b.size) return 0;
    var shared = 0;
    a.forEach(function (gram) { if (b.has(gram)) shared++; });
    return shared / Math.min(a.size, b.size);
  }

  function column(container, items, previous) {
    var known = previous ? previous.map(bigrams) : null;
    container.textContent = "";
    items.forEach(function (item) {
      var block = document.createElement("div");
      block.className = "compare-item";
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.cite + (item.heading ? " " + item.heading : "");
      block.appendChild(link);
      var p = document.createElement("p");
      sentences(item.text).forEach(function (sentence) {
        var span = document.createElement("span");
        span.textContent = sentence;
        if (known) {
          var grams = bigrams(sentence);
          var best = Math.max.apply(null, known.map(function (k) { return similarity(grams, k); }).concat([0]));
          if (grams.size > 3 && best < 0.5) span.className = "new";
        }
        p.appendChild(span);
      });
      block.appendChild(p);
      container.appendChild(block);
    });
  }

  function initCompare() {
    document.querySelectorAll(".compare-years").forEach(function (section) {
      if (section.dataset.ready) return;
      section.dataset.ready = "1";
      var data = JSON.parse(section.querySelector(".compare-data").textContent);
      var years = Object.keys(data).sort();
      var selectA = section.querySelector(".year-a");
      var selectB = section.querySelector(".year-b");
      years.forEach(function (year) {
        selectA.add(new Option(year + "年", year));
        selectB.add(new Option(year + "年", year));
      });
      selectA.value = years[years.length - 2];
      selectB.value = years[years.length - 1];
      function update() {
        var a = data[selectA.value], b = data[selectB.value];
        var previous = [];
        a.forEach(function (item) { previous = previous.concat(sentences(item.text)); });
        column(section.querySelector(".col-a"), a, null);
        column(section.querySelector(".col-b"), b, previous);
      }
      selectA.addEventListener("change", update);
      selectB.addEventListener("change", update);
      update();
    });
  }

  function init() {
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
