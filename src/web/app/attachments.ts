/** Files every attachment route accepts (the server checks again, from the bytes): bids, milestone evidence, demand threads. */
export const ACCEPTED_FILES = '.pdf,.docx,.xlsx,.pptx,.png,.jpg,.jpeg,.txt,.csv';
export const MAX_FILE_MB = 20;

/** 1536 → "2 KB", 3 MiB → "3.0 MB". */
export const fileSize = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);
