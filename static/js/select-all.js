// Ticks or clears every row checkbox of a table from its header checkbox.
document.addEventListener("change", function (event) {
  if (!event.target.classList.contains("gz-select-all")) return;
  const table = event.target.closest("table");
  table.querySelectorAll("tbody input[type=checkbox]").forEach(function (box) {
    box.checked = event.target.checked;
  });
});
