// Tailwind 4 runs as a single PostCSS plugin; configuration lives in app/globals.css.
export default { plugins: { '@tailwindcss/postcss': {} } };
