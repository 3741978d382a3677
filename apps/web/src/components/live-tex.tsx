'use client';
import { useEffect, useState } from 'react';

interface LiveTexProps {
  tex: string;
  display?: boolean;
  className?: string;
}

type Render = (tex: string, display: boolean) => string;
let renderer: Promise<Render> | null = null;

/** KaTeX is loaded on first use, not with the page: it stays out of the first-load JavaScript. */
function loadRenderer(): Promise<Render> {
  renderer ??= import('katex').then(
    ({ default: katex }) =>
      (tex: string, display: boolean) =>
        katex.renderToString(tex, {
          displayMode: display,
          throwOnError: false,
          output: 'htmlAndMathml', // MathML for screen readers
          strict: 'ignore',
        }),
  );
  return renderer;
}

/**
 * LaTeX typeset in the browser, for formulas that arrive over the live connection. Until KaTeX
 * has loaded, the LaTeX source is shown as text.
 */
export function LiveTex({ tex, display = false, className }: LiveTexProps) {
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    let active = true;
    void loadRenderer().then((render) => {
      if (active) setHtml(render(tex, display));
    });
    return () => {
      active = false;
    };
  }, [tex, display]);
  const Tag = display ? 'div' : 'span';
  if (html === null) {
    return <Tag className={`${className ?? ''} font-mono text-sm`}>{tex}</Tag>;
  }
  return <Tag className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
