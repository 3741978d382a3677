import { joinCodeSchema } from '@backprop/contract';
import { type NextRequest, NextResponse } from 'next/server';

/** The landing page's join form (works without JavaScript): a valid code goes to its lesson. */
export function GET(request: NextRequest) {
  const parsed = joinCodeSchema.safeParse(request.nextUrl.searchParams.get('code') ?? '');
  const target = parsed.success ? `/play/${parsed.data}` : '/?error=code';
  return NextResponse.redirect(new URL(target, request.url), 303);
}
