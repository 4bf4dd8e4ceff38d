// The Lex V2 runtime client of the chat panel, loaded only when the panel
// opens (it is not part of the first page's JavaScript). Locally the
// endpoint is the local runtime on the site's origin, which checks no
// signature: the credentials are fixed dummies. In the cloud the requests
// go to Lex itself, signed with short-lived credentials of the identity
// pool (config.json's identityPoolId) for the signed-in user's ID token;
// their role may call RecognizeText on the live alias and nothing else.
import { LexRuntimeV2Client, RecognizeTextCommand, type LexRuntimeV2ClientConfig } from '@aws-sdk/client-lex-runtime-v2';
import type { AppConfig, ChatbotConfig } from '../config';
import type { Card } from './store';

/** What the bot answered, as the panel shows it. */
export interface Answer {
  messages: { text?: string; card?: Card }[];
  /** The session attributes to hand back with the next message. */
  attributes: Record<string, string>;
  intent?: string;
  /** The intent's state: Fulfilled or Failed when it ended. */
  state?: string;
}

export type Ask = (sessionId: string, text: string, attributes: Record<string, string>) => Promise<Answer>;

/** A function that sends one message to config's chatbot. idToken gives the signed-in user's current ID token. */
export function connect(config: AppConfig & { chatbot: ChatbotConfig }, idToken: () => Promise<string | undefined>): Ask {
  const bot = config.chatbot;
  // The bot, the identity pool and the user pool are the stack's, in one region.
  const region = config.region;
  const credentials: LexRuntimeV2ClientConfig['credentials'] = bot.endpoint
    ? { accessKeyId: 'local', secretAccessKey: 'local' }
    : identityPoolCredentials(region, bot.identityPoolId!, config.userPoolId, idToken);
  const client = new LexRuntimeV2Client({ region, credentials, ...(bot.endpoint ? { endpoint: bot.endpoint } : {}) });
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  return async (sessionId, text, attributes) => {
    const out = await client.send(
      new RecognizeTextCommand({
        botId: bot.botId,
        botAliasId: bot.botAliasId,
        localeId: bot.localeId,
        sessionId,
        text,
        sessionState: { sessionAttributes: attributes },
        // Relative dates ("tomorrow", "next Friday") are the visitor's.
        requestAttributes: timeZone ? { 'x-amz-lex:time-zone': timeZone } : {},
      }),
    );
    const messages = (out.messages ?? []).flatMap((m): Answer['messages'] => {
      if (m.contentType === 'ImageResponseCard' && m.imageResponseCard) {
        const c = m.imageResponseCard;
        return [{ card: { title: c.title ?? '', buttons: (c.buttons ?? []).map((b) => ({ text: b.text ?? '', value: b.value ?? '' })) } }];
      }
      return m.content ? [{ text: m.content }] : [];
    });
    return {
      messages,
      attributes: out.sessionState?.sessionAttributes ?? {},
      ...(out.sessionState?.intent?.name ? { intent: out.sessionState.intent.name } : {}),
      ...(out.sessionState?.intent?.state ? { state: out.sessionState.intent.state } : {}),
    };
  };
}

/** The identity pool's credentials for the user's ID token, fetched when first needed. */
type Provider = Extract<LexRuntimeV2ClientConfig['credentials'], (...args: never[]) => unknown>;

function identityPoolCredentials(region: string, identityPoolId: string, userPoolId: string, idToken: () => Promise<string | undefined>): Provider {
  let provider: Promise<Provider> | undefined;
  return async () => {
    provider ??= import('@aws-sdk/credential-provider-cognito-identity').then(
      ({ fromCognitoIdentityPool }) =>
        fromCognitoIdentityPool({
          clientConfig: { region },
          identityPoolId,
          logins: {
            [`cognito-idp.${region}.amazonaws.com/${userPoolId}`]: async () => {
              const t = await idToken();
              if (!t) throw new Error('not signed in');
              return t;
            },
          },
        }),
    );
    return (await provider)();
  };
}
