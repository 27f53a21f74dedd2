const END_MARKER = '-----END ';
const END_MARKER_CLOSE = '-----';
const MAX_BLOCK_CHARS = 16_384;
const BODY_LINE = /^[A-Za-z0-9+/=]+$/;
const PEM_HEADER_LINE = /^[A-Za-z-]{1,40}: /;

/** End of the last line that still belongs to a key body: base64 lines, RFC 1421 headers, one blank line after them. */
function truncatedBodyEnd(text: string, headerEnd: number, limit: number): number {
  let end = headerEnd;
  let position = headerEnd;
  let sawBody = false;
  while (position < limit) {
    const newline = text.indexOf('\n', position);
    const lineEnd = newline === -1 || newline > limit ? limit : newline;
    const line = text.slice(position, lineEnd).trim();
    if (BODY_LINE.test(line)) {
      sawBody = true;
      end = lineEnd;
    } else if (!sawBody && (line === '' || PEM_HEADER_LINE.test(line))) {
      // The rest of the header line, Proc-Type/DEK-Info headers and the blank line after them.
    } else {
      break;
    }
    position = lineEnd + 1;
  }
  while (end > headerEnd && /\s/.test(text[end - 1])) {
    end--;
  }
  return end;
}

/** Finds the next `-----END ` at or after a position; calls with growing positions scan the text only once. */
export function endMarkerFinder(text: string): (from: number) => number {
  let found = -2;
  return (from) => {
    if (found !== -1 && found < from) {
      found = text.indexOf(END_MARKER, from);
    }
    return found;
  };
}

/**
 * Where a PEM private key whose header ends at `headerEnd` ends: after its `-----END ...-----` line, or, for a
 * truncated paste, after the last body line. Done in code rather than one regex so no input can make it slow.
 */
export function privateKeyBlockEnd(
  text: string,
  headerEnd: number,
  findEndMarker: (from: number) => number = endMarkerFinder(text),
): number {
  const limit = Math.min(text.length, headerEnd + MAX_BLOCK_CHARS);
  const endMarker = findEndMarker(headerEnd);
  if (endMarker !== -1 && endMarker < limit) {
    const close = text.indexOf(END_MARKER_CLOSE, endMarker + END_MARKER.length);
    if (close !== -1 && close < limit) {
      return close + END_MARKER_CLOSE.length;
    }
  }
  return truncatedBodyEnd(text, headerEnd, limit);
}
