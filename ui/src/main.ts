import "@fontsource/sarabun/400.css";
import "@fontsource/sarabun/600.css";
import "@fontsource/sarabun/700.css";
import "./app.css";
import { mount } from "svelte";
import App from "./App.svelte";
import { initialLocale, setLocale } from "$lib/i18n/index.svelte";

const target = document.getElementById("app");
if (!target) throw new Error("the page has no #app element");
// The remembered language first (English is fetched then), so that no screen flashes Thai.
void setLocale(initialLocale())
  .catch(() => {})
  .finally(() => mount(App, { target }));
