/** Channels that carry a message (the others are tasks for a person: calls, visits, reviews). */
export const MESSAGE_CHANNELS = ['email', 'pec', 'letter', 'registered-letter', 'sms'] as const;
export type TMessageChannel = (typeof MESSAGE_CHANNELS)[number];

/** Templates are written per medium: a registered letter reads like a letter. */
export const TEMPLATE_CHANNELS = ['email', 'letter', 'pec', 'sms'] as const;
export type TTemplateChannel = (typeof TEMPLATE_CHANNELS)[number];

export function isMessageChannel(channel: string): channel is TMessageChannel {
  return (MESSAGE_CHANNELS as readonly string[]).includes(channel);
}

export function templateChannelOf(channel: TMessageChannel): TTemplateChannel {
  return channel === 'registered-letter' ? 'letter' : channel;
}

export function isLetterChannel(channel: string): boolean {
  return channel === 'letter' || channel === 'registered-letter';
}
