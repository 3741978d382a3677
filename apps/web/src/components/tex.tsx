import { texToHtml } from '../lib/tex.ts';

interface TexProps {
  tex: string;
  display?: boolean;
  className?: string;
}

/** LaTeX typeset by KaTeX on the server: the browser gets HTML and CSS, no JavaScript. */
export function Tex({ tex, display = false, className }: TexProps) {
  const Tag = display ? 'div' : 'span';
  return (
    <Tag className={className} dangerouslySetInnerHTML={{ __html: texToHtml(tex, display) }} />
  );
}
