import {
  alt,
  B,
  cross,
  E,
  EARLIER,
  gap,
  IGNORE_VERB_WORDS,
  IGNORE_VERBS,
  INSTRUCTION_NOUN_STEMS,
  INSTRUCTION_NOUNS,
  rx,
  type InjectionSignal,
} from './injection-rule-parts';

// Every override starts with one of the verbs and a space ("ignore ", "pay no attention to ").
const IGNORE_VERBS_THEN_SPACE = cross(IGNORE_VERB_WORDS, ' ');

/** Direct overrides of earlier instructions. */
export const OVERRIDE_SIGNALS: readonly InjectionSignal[] = [
  {
    id: 'override.ignore_previous',
    weight: 1,
    triggers: IGNORE_VERBS_THEN_SPACE,
    alsoTriggers: INSTRUCTION_NOUN_STEMS,
    pattern: rx(
      `${B}${IGNORE_VERBS}${E} ${gap(25)}${B}${alt([`${EARLIER}${E}${gap(30)}${B}${INSTRUCTION_NOUNS}`, `(?:all|any|every|your|the|these|those|my) ${INSTRUCTION_NOUNS}${gap(25)}${B}(?:you(?:'ve| have)? (?:been )?(?:given|received|got|were given)|given to you|before|above|so far|until now)`, `(?:all|every|any)(?: of)? (?:your |the )?${INSTRUCTION_NOUNS}`, `your ${INSTRUCTION_NOUNS}`])}${E}`,
    ),
  },
  {
    id: 'override.ignore_everything_above',
    weight: 1,
    triggers: IGNORE_VERBS_THEN_SPACE,
    alsoTriggers: ['above', 'before', 'previously', 'told'],
    pattern: rx(
      `${B}${IGNORE_VERBS} (?:all of |everything |anything )?(?:the |what(?:ever)? (?:is|was|i said|you were told) )?(?:above|before this|previously|said before|you (?:were|have been) told|i (?:said|told you) before|that came before)${E}`,
    ),
  },
  {
    id: 'override.forget_everything',
    weight: 1,
    triggers: cross(['forget', 'erase', 'wipe', 'reset', 'clear'], ' '),
    pattern: rx(
      `${B}(?:forget|erase|wipe|reset|clear) (?:all |everything |anything )?(?:you(?:'ve| have)? (?:know|knew|learn(?:ed|t)|been told|been taught)|(?:about )?(?:your|the) (?:previous |prior |old )?(?:instructions|training|programming|rules|guidelines|limitations|restrictions|memory)|all (?:previous|prior) |everything (?:from )?(?:before|above|prior|previously|so far))`,
    ),
  },
  {
    id: 'override.new_instructions',
    weight: 0.6,
    triggers: [
      'your new ',
      ...cross(
        ['new', 'updated', 'real', 'actual', 'true'],
        ' ',
        ['', 'system '],
        ['instructions', 'rules', 'directives'],
      ),
      ...cross(['instead', 'now'], ['', ','], ' ', ['you will ', 'you must ', 'you should ', 'follow ', 'obey ']),
    ],
    pattern: rx(
      `${B}(?:your new (?:instructions?|task|rules|role|purpose|goal|directive|objective|programming) (?:is|are|will be)|(?:new|updated|real|actual|true) (?:system )?(?:instructions|rules|directives)\\s?:|(?:instead|now),? (?:you (?:will|must|should) )?(?:follow|obey) (?:these|my|the following) (?:new )?(?:instructions|rules|commands))`,
    ),
  },
  {
    id: 'override.from_now_on',
    weight: 0.35,
    triggers: [
      'from now on',
      'from this moment on',
      'from this point on',
      'for the rest of ',
      'until i say ',
      'until i tell you ',
      ...cross('for all ', ['your ', 'future ', 'responses', 'answers', 'replies']),
    ],
    pattern: rx(
      `${B}(?:from (?:now|this (?:moment|point)) on(?:wards?)?|for the rest of (?:this|our) conversation|until i (?:say|tell you) (?:otherwise|to stop)|for all (?:your |future )?(?:responses|answers|replies))${E}`,
    ),
  },
];
