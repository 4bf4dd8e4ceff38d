// The conversation with the chatbot, kept outside React so that it lasts
// while the visitor moves between pages (and while the panel is closed):
// what was said, the Lex session and the attributes the bot returned. It is
// forgotten when the signed-in user changes.
import { useSyncExternalStore } from 'react';
import { randomUUID } from '../lib/uuid';

export interface Card {
  title: string;
  buttons: { text: string; value: string }[];
}

/** One entry of the conversation: a message, or a card of buttons. */
export interface Line {
  id: number;
  from: 'user' | 'bot';
  text?: string;
  card?: Card;
  /** A card whose button was chosen: its buttons are done. */
  used?: boolean;
  /** The bot could not be reached. */
  failed?: boolean;
}

export interface ChatState {
  open: boolean;
  lines: Line[];
  busy: boolean;
  /** The bot wants the visitor signed in: the panel offers the sign-in page. */
  signIn: boolean;
}

/** The Lex session: its id (the runtime API's pattern [0-9a-zA-Z._:-]) and the attributes to hand back. */
export const session = { id: randomUUID(), attributes: {} as Record<string, string>, user: '' };

let state: ChatState = { open: false, lines: [], busy: false, signIn: false };
let nextId = 1;
const listeners = new Set<() => void>();

function set(patch: Partial<ChatState>): void {
  state = { ...state, ...patch };
  listeners.forEach((l) => l());
}

export const chat = {
  get: (): ChatState => state,
  subscribe(l: () => void): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  setOpen: (open: boolean) => set({ open }),
  setBusy: (busy: boolean) => set({ busy }),
  setSignIn: (signIn: boolean) => set({ signIn }),
  add(line: Omit<Line, 'id'>): void {
    set({ lines: [...state.lines, { ...line, id: nextId++ }] });
  },
  /** Marks every card so far as answered. */
  cardsDone(): void {
    if (state.lines.some((l) => l.card && !l.used)) set({ lines: state.lines.map((l) => (l.card ? { ...l, used: true } : l)) });
  },
  /** A new conversation for `user` (the signed-in user's sub, "" for nobody). */
  reset(user: string): void {
    session.id = randomUUID();
    session.attributes = {};
    session.user = user;
    set({ lines: [], busy: false, signIn: false });
  },
};

export function useChat(): ChatState {
  return useSyncExternalStore(chat.subscribe, chat.get, chat.get);
}
