import "@fontsource/sarabun/400.css";
import "@fontsource/sarabun/600.css";
import "@fontsource/sarabun/700.css";
import "./app.css";
import { mount } from "svelte";
import App from "./App.svelte";
import { locale } from "$lib/i18n/index.svelte";

document.documentElement.lang = locale();
const target = document.getElementById("app");
if (!target) throw new Error("the page has no #app element");
export default mount(App, { target });
