/** Whether the runtime knows the time zone (an IANA name such as Asia/Shanghai, or UTC). */
export const isTimeZone = (timeZone: string): boolean => {
  if (timeZone === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
};
