// Tell require.js where the ipywidgets HTML manager's modules live. Each bundled module
// works out where its icon fonts are from its own module address; without these paths that
// address is a folder under the page, and the fonts are not found.
(function () {
  var here = document.currentScript.src;
  var folder = here.substring(0, here.lastIndexOf("/") + 1) + "widgets/";
  var modules = ["base", "base7", "controls", "controls7", "html-manager"];
  var paths = { "@jupyter-widgets/html-manager/dist": folder.slice(0, -1) };
  modules.forEach(function (name) { paths["@jupyter-widgets/" + name] = folder + name; });
  require.config({ paths: paths });
})();
