/** A one-time message carried to the next page ("Created no-pii."). */
let pending: string | undefined;

export const flash = {
  set(message: string): void {
    pending = message;
  },
  take(): string | undefined {
    const message = pending;
    pending = undefined;
    return message;
  },
};
