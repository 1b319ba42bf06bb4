import { translator, type KeyOf } from '../../internal/i18n.js';
import { avStrings } from '../../internal/strings/av.js';
import { callStrings } from '../../internal/strings/call.js';
import { commonStrings } from '../../internal/strings/common.js';

/** The words of `<call-panel>` and its call stage. */
export const t = translator(commonStrings, avStrings, callStrings);
export type StringKey = KeyOf<typeof t>;
