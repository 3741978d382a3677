import katex from 'katex';

/** LaTeX to HTML (with MathML for screen readers), rendered on the server. */
export function texToHtml(tex: string, displayMode = false): string {
  return katex.renderToString(tex, {
    displayMode,
    throwOnError: false,
    output: 'htmlAndMathml',
    strict: 'ignore',
  });
}
