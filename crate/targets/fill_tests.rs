//! The tests of `fill`, in a file of their own so `fill.rs` reads as the code it is.

use super::*;
use crate::category::Category::*;
use crate::profile::fixture::profile;

fn two() -> Profile {
    profile(&[
        ("Lives in Lisbon.", PersonalInformation),
        ("Prefers short answers.", ResponseInstructions),
    ])
}

fn found(value: &str) -> BoxState {
    BoxState {
        found_by: Some("css".into()),
        value: value.into(),
        single_line: false,
    }
}

fn put(read_backs: &[&str]) -> Put {
    Put {
        boxes: read_backs
            .iter()
            .map(|r| PutState {
                found_by: Some("css".into()),
                read_back: r.to_string(),
                editable: false,
            })
            .collect(),
    }
}

const KEY: &str = "Deploy key sk-qsR6RZ24lPoQj3oPUlieI2nVsbBi1RMar1jf3YZ4Zq0CVB8i";

/// [`two`] and an item holding an API key.
fn with_a_key() -> Profile {
    let mut p = two();
    p.add(vec![crate::profile::fixture::item(
        KEY,
        TechnicalPreferences,
    )]);
    p
}

#[test]
fn sending_everything_leaves_sensitive_items_out_and_says_so() {
    let p = with_a_key();
    let send = prepare_chosen(Assistant::Gemini, Way::Import, &p, None).unwrap();
    assert_eq!((send.count(), send.withheld), (2, 1));
    assert!(!send.full_text(0).contains("sk-"), "{}", send.full_text(0));
    assert!(!send.clipboard_text().contains("sk-"));
    let (_, planned) = send.put_plan(&[found("")], Choice::Replace);
    let notice = send.judge(&planned, &put(&[&planned.plan_texts[0]]));
    assert!(notice.ok, "{}", notice.message);
    assert!(
        notice
            .message
            .ends_with("1 sensitive memory was left out; tick it in memport's popup to send it."),
        "{}",
        notice.message
    );
    // The page that was filled hears nothing of what stayed behind in the profile.
    let page = send.judge_for_page(&planned, &put(&[&planned.plan_texts[0]]));
    assert!(!page.message.contains("sensitive"), "{}", page.message);
    assert!(!send.elsewhere("Could not").message.contains("sensitive"));
    // Only flagged items: nothing goes, and the person is told why.
    let only = crate::profile::fixture::profile(&[(KEY, TechnicalPreferences)]);
    let err = prepare_chosen(Assistant::Gemini, Way::Import, &only, None).unwrap_err();
    assert_eq!(err, SendError::AllSensitive { withheld: 1 });
    assert!(
        err.to_string().contains("Tick it in memport's popup"),
        "{err}"
    );
}

#[test]
fn ticked_items_go_exactly_sensitive_ones_included() {
    let p = with_a_key();
    let key = p.items[2].id.clone();
    let lisbon = p.items[0].id.clone();
    let send = prepare_chosen(
        Assistant::Gemini,
        Way::Import,
        &p,
        Some(std::slice::from_ref(&lisbon)),
    )
    .unwrap();
    assert_eq!((send.count(), send.withheld), (1, 1));
    let send = prepare_chosen(Assistant::Gemini, Way::Import, &p, Some(&[lisbon, key])).unwrap();
    assert_eq!((send.count(), send.withheld), (2, 0));
    assert!(send.full_text(0).contains(KEY));
    assert_eq!(
        prepare_chosen(Assistant::Gemini, Way::Import, &p, Some(&[])).unwrap_err(),
        SendError::NoneChosen
    );
}

#[test]
fn gemini_gets_one_box_with_its_sections() {
    let send = prepare(Assistant::Gemini, Way::Import, &two()).unwrap();
    assert_eq!(send.boxes.len(), 1);
    assert_eq!(send.origin, "https://gemini.google.com");
    let text = send.full_text(0);
    assert!(text.ends_with("Imported from: memport"));
    assert!(text.contains("Instructions:\n- Prefers short answers."));
    assert_eq!(send.count(), 2);
    assert_eq!(
        prepare(Assistant::Gemini, Way::Import, &Profile::new()).unwrap_err(),
        SendError::EmptyProfile
    );
}

#[test]
fn sending_speaks_the_persons_language() {
    i18n::set_lang(i18n::Lang::Fr);
    let send = prepare(Assistant::Gemini, Way::Import, &two()).unwrap();
    let (_, planned) = send.put_plan(&[found("")], Choice::Replace);
    let done = send.judge(&planned, &put(&[&planned.plan_texts[0]]));
    assert_eq!(
        done.message,
        "La zone d'import de Gemini contient maintenant 2 souvenirs. Relisez, puis appuyez \
         vous-même sur « Add memory » : memport n'appuie jamais à votre place."
    );
    let ask = send.ask();
    assert_eq!(ask.keep, "Ne pas toucher à la zone");
    i18n::set_lang(i18n::Lang::Es);
    assert_eq!(
        SendError::AllSensitive { withheld: 12000 }
            .to_string()
            .split(':')
            .next(),
        Some("No se envió nada")
    );
    assert!(SendError::AllSensitive { withheld: 12000 }
        .to_string()
        .contains("los 12.000 recuerdos"));
}

#[test]
fn an_empty_box_is_filled_and_judged() {
    let send = prepare(Assistant::Gemini, Way::Import, &two()).unwrap();
    assert!(!send.occupied(&[found("")]));
    let (plan, planned) = send.put_plan(&[found("")], Choice::Replace);
    assert_eq!(plan.boxes[0].text, send.full_text(0));
    let crlf = planned.plan_texts[0].replace('\n', "\r\n");
    let ok = send.judge(&planned, &put(&[&crlf]));
    assert!(ok.ok, "{}", ok.message);
    assert_eq!(
        ok.message,
        "Gemini's import box now holds 2 memories. Review it, then press \"Add memory\" \
         yourself: memport never presses it for you."
    );
    let short = send.judge(&planned, &put(&["Demographics"]));
    assert!(!short.ok && short.message.contains("did not take the text exactly"));
}

#[test]
fn typed_text_is_asked_about_then_kept_above() {
    let send = prepare(Assistant::Gemini, Way::Import, &two()).unwrap();
    let states = [found("Mine")];
    assert!(send.occupied(&states));
    assert!(
        !send.occupied(&[found(&send.full_text(0))]),
        "our own text is no one's"
    );
    let (plan, planned) = send.put_plan(&states, Choice::Append);
    assert_eq!(plan.boxes[0].text, format!("Mine\n\n{}", send.full_text(0)));
    assert!(send.judge(&planned, &put(&[&planned.plan_texts[0]])).ok);
    assert!(send.kept().message.contains("left as it was"));
}

#[test]
fn chatgpt_splits_by_category_and_lists_what_does_not_fit() {
    let long = "x".repeat(900);
    let p = profile(&[
        ("Lives in Leeds.", PersonalInformation),
        ("Keep answers short.", ResponseInstructions),
        ("Stop using American spellings.", BehavioralCorrections),
        (&format!("A{long}"), ResponseInstructions),
        (&format!("B{long}"), ResponseInstructions),
        ("Uses Desmos.", TechnicalPreferences),
    ]);
    let send = prepare(Assistant::ChatGpt, Way::Import, &p).unwrap();
    assert_eq!(
        send.boxes[0].label,
        "How would you like ChatGPT to respond?"
    );
    let respond: Vec<&str> = send.boxes[0]
        .entries
        .iter()
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(respond.len(), 4);
    assert!(respond.contains(&"Stop using American spellings."));
    let about: Vec<&str> = send.boxes[1]
        .entries
        .iter()
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(about, ["Lives in Leeds.", "Uses Desmos."]);

    let states = [found(""), found("")];
    let (plan, planned) = send.put_plan(&states, Choice::Replace);
    // The second 900-character entry does not fit; the others do, in the profile's order.
    assert_eq!(planned.left_out[0], vec![format!("B{long}")]);
    assert!(plan.boxes[0].text.chars().count() <= 1500);
    assert_eq!(
        plan.boxes[0].text,
        format!("Keep answers short.\nStop using American spellings.\nA{long}")
    );
    assert_eq!(plan.boxes[1].text, "Lives in Leeds.\nUses Desmos.");
    let notice = send.judge(
        &planned,
        &put(&[&planned.plan_texts[0], &planned.plan_texts[1]]),
    );
    assert!(!notice.ok);
    assert!(notice.message.starts_with(
        "ChatGPT's custom instructions now hold 5 memories. Review them, then press \"Save\""
    ));
    assert!(notice.message.contains(
        "1 memory did not fit in \"How would you like ChatGPT to respond?\" (1,500 characters) \
         and were left out: \"Bxxx"
    ));
    // The page is told only that some were left out, and where to see which.
    let page = send.judge_for_page(
        &planned,
        &put(&[&planned.plan_texts[0], &planned.plan_texts[1]]),
    );
    assert!(!page.ok);
    assert!(!page.message.contains("Bxxx") && !page.message.contains("1 memory did not fit"));
    assert!(page
        .message
        .ends_with("Not every memory was placed: memport's popup lists the ones left out."));
}

#[test]
fn appending_leaves_less_room() {
    let p = profile(&[("Keep answers short.", ResponseInstructions)]);
    let send = prepare(Assistant::ChatGpt, Way::Import, &p).unwrap();
    let full = "y".repeat(1490);
    let (plan, planned) = send.put_plan(&[found(&full), found("")], Choice::Append);
    assert_eq!(
        plan.boxes[0].text, full,
        "no room left: the person's text stays whole"
    );
    assert_eq!(planned.left_out[0], ["Keep answers short."]);
}

#[test]
fn a_box_that_takes_one_line_gets_the_entries_on_one_line() {
    let send = prepare(Assistant::Gemini, Way::Import, &two()).unwrap();
    let states = [BoxState {
        single_line: true,
        ..found("")
    }];
    let (plan, planned) = send.put_plan(&states, Choice::Replace);
    let text = &plan.boxes[0].text;
    assert!(!text.contains('\n'), "{text}");
    assert_eq!(
        text,
        "Demographics Information: · - Lives in Lisbon. · Instructions: · - Prefers short \
         answers. · Imported from: memport"
    );
    assert!(send.judge(&planned, &put(&[text])).ok);
}

#[test]
fn a_missing_box_lists_its_entries() {
    let send = prepare(Assistant::ChatGpt, Way::Import, &two()).unwrap();
    let states = [
        BoxState {
            found_by: None,
            value: String::new(),
            single_line: false,
        },
        found(""),
    ];
    let (_, planned) = send.put_plan(&states, Choice::Replace);
    let notice = send.judge(&planned, &put(&["", &planned.plan_texts[1]]));
    assert!(!notice.ok);
    assert!(notice.message.contains(
        "\"How would you like ChatGPT to respond?\" was not found, so these were not placed: \
         \"Prefers short answers.\""
    ));
    assert!(notice.message.contains("now hold 1 memory"));
    let page = send.judge_for_page(&planned, &put(&["", &planned.plan_texts[1]]));
    assert!(
        !page.message.contains("Prefers short answers."),
        "{}",
        page.message
    );
    // A box inspect did not see is not looked for when putting.
    let (plan, _) = send.put_plan(&states, Choice::Replace);
    assert!(plan.boxes[0].target.is_empty());
    assert!(!plan.boxes[1].target.is_empty());
}

#[test]
fn never_in_a_custom_gpts_or_a_projects_chat() {
    let send = prepare(Assistant::ChatGpt, Way::ChatMessage, &two()).unwrap();
    for url in [
        "https://chatgpt.com/g/g-abc123-writing-coach",
        "https://chatgpt.com/g/g-abc123-writing-coach/c/68a1f0c2-0001",
        "https://chatgpt.com/g/g-p-6a1b2c3d-trip-planning/project",
        "https://chatgpt.com/g/g-p-6a1b2c3d-trip-planning/c/68a1f0c2-0002",
    ] {
        assert!(send.never_fills(url), "{url}");
    }
    for url in [
        "https://chatgpt.com/",
        "https://chatgpt.com/c/68a1f0c2-0001",
    ] {
        assert!(!send.never_fills(url), "{url}");
    }
}

#[test]
fn chatgpt_as_a_chat_message_fills_the_composer() {
    let send = prepare(Assistant::ChatGpt, Way::ChatMessage, &two()).unwrap();
    assert_eq!(send.title, "title_message_box");
    assert_eq!(send.boxes.len(), 1);
    assert_eq!(send.boxes[0].editor, EditorKind::ContentEditable);
    let text = send.full_text(0);
    assert!(text.starts_with("Please remember the following about me"));
    assert!(text.ends_with("Personal information:\n- Lives in Lisbon."));
    // A rich editor reads paragraphs back with blank lines between: still the same text.
    let (_, planned) = send.put_plan(&[found("")], Choice::Replace);
    let read_back = text.replace('\n', "\n\n");
    assert!(send.judge(&planned, &put(&[&read_back])).ok);
    // Gemini's composer (Quill) the same way.
    let gemini = prepare(Assistant::Gemini, Way::ChatMessage, &two()).unwrap();
    assert_eq!(gemini.url, "https://gemini.google.com/app");
    assert_eq!(gemini.submit_label, "Send message");
    assert_eq!(gemini.full_text(0), text);
}

#[test]
fn nowhere_to_fill_offers_the_clipboard() {
    let send = prepare(Assistant::Gemini, Way::Import, &two()).unwrap();
    let m = send.not_found("no textarea");
    assert!(!m.ok && m.message.contains("Press \"Copy my memory\" to put"));
    assert!(m.message.contains("\"Paste your info here...\""));
    let offer = send.copy_offer();
    assert_eq!(offer.text, send.full_text(0));
    assert!(offer.done.starts_with("Your memory is on the clipboard"));
    assert!(!send.nowhere("no tab").message.contains("Copy my memory"));
    let chatgpt = prepare(Assistant::ChatGpt, Way::Import, &two()).unwrap();
    assert_eq!(
        chatgpt.clipboard_text(),
        "How would you like ChatGPT to respond?\nPrefers short answers.\n\n\
         What would you like ChatGPT to know about you to provide better responses?\n\
         Lives in Lisbon."
    );
}
/// A text of `n` sentences, each naming its number, about 70 characters each.
fn sentences_of(tag: &str, n: usize) -> String {
    (1..=n)
        .map(|i| format!("{tag} sentence {i} says e.g. 3.5 things about the work it did."))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_long_entry_goes_to_gemini_as_several_of_whole_sentences() {
    let long = sentences_of("Porto", 25);
    assert!((1500..2000).contains(&long.chars().count()));
    let p = profile(&[
        ("Lives in Porto.", PersonalInformation),
        (&long, ProjectsAndGoals),
    ]);
    for way in [Way::Import, Way::ChatMessage] {
        let send = prepare(Assistant::Gemini, way, &p).unwrap();
        assert_eq!(send.boxes[0].split, (1, 2));
        let text = send.full_text(0);
        let lines: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix("- "))
            .filter(|l| l.contains("Porto sentence"))
            .collect();
        assert_eq!(lines.len(), 2, "{text}");
        for line in &lines {
            assert!(line.chars().count() <= 1500);
            assert!(line.starts_with("Porto sentence") && line.ends_with("it did."));
        }
        assert_eq!(lines.join(" "), long, "nothing lost, nothing cut");
        let (_, planned) = send.put_plan(&[found("")], Choice::Replace);
        let done = send.judge(&planned, &put(&[&planned.plan_texts[0]]));
        assert!(done.ok, "{}", done.message);
        assert!(
            done.message.contains("now holds 2 memories"),
            "{}",
            done.message
        );
        assert!(
            done.message.ends_with(
                "1 memory longer than 1,500 characters went in as 2 entries, split between \
                 sentences."
            ),
            "{}",
            done.message
        );
    }
}

#[test]
fn an_entry_whose_one_sentence_is_too_long_for_gemini_is_listed_not_cut() {
    let run_on = format!(
        "Keeps {} without a stop",
        "notes and more notes ".repeat(80)
    );
    assert!(run_on.chars().count() > 1500);
    let p = profile(&[
        ("Lives in Porto.", PersonalInformation),
        (&run_on, OtherContext),
    ]);
    let send = prepare(Assistant::Gemini, Way::Import, &p).unwrap();
    assert_eq!(send.count(), 1);
    let text = send.full_text(0);
    assert!(!text.contains("Keeps notes"), "{text}");
    let (_, planned) = send.put_plan(&[found("")], Choice::Replace);
    let full = send.judge(&planned, &put(&[&planned.plan_texts[0]]));
    assert!(!full.ok);
    assert!(
        full.message.contains(
            "1 memory was left out: it has a sentence longer than the 1,500 characters one \
             Gemini entry holds, and memport never cuts a sentence: \"Keeps notes"
        ),
        "{}",
        full.message
    );
    let page = send.judge_for_page(&planned, &put(&[&planned.plan_texts[0]]));
    assert!(!page.message.contains("Keeps notes"), "{}", page.message);
    assert!(page
        .message
        .contains("memport's popup lists the ones left out"));
}

/// A profile of `n` entries of about 200 bytes each (`wide`: Japanese, 3 bytes a
/// character), spread over the categories.
fn large(n: usize, wide: bool) -> Profile {
    let cats = [
        ResponseInstructions,
        PersonalInformation,
        ProjectsAndGoals,
        TechnicalPreferences,
        OtherContext,
    ];
    let texts: Vec<(String, Category)> = (0..n)
        .map(|i| {
            let text = if wide {
                format!(
                    "メモ{i}番は仕事と趣味についての長い記録です。{}",
                    "東京".repeat(25)
                )
            } else {
                format!(
                    "Memory {i} is a long note about work and play. {}",
                    "word ".repeat(30)
                )
            };
            (text, cats[i % cats.len()])
        })
        .collect();
    let refs: Vec<(&str, Category)> = texts.iter().map(|(t, c)| (t.as_str(), *c)).collect();
    profile(&refs)
}

#[test]
fn a_profile_over_claudes_limit_goes_in_parts_one_per_send() {
    let p = large(500, false);
    let whole = prepare(Assistant::Claude, Way::Import, &p).unwrap();
    assert!(whole.full_text(0).len() > 64_000);
    let mut progress = Parts::default();
    let mut seen: Vec<String> = Vec::new();
    let mut notes = Vec::new();
    for round in 0..3 {
        let mut send = prepare(Assistant::Claude, Way::Import, &p).unwrap();
        let next = send.in_parts(&progress, Way::Import).unwrap();
        let part = send.part.unwrap();
        assert_eq!(part.of, 2);
        let text = send.full_text(0);
        assert!(text.len() <= 64_000, "{} bytes", text.len());
        // A complete import text on its own: it starts with a category's heading.
        assert!(
            Category::ALL
                .iter()
                .any(|c| text.starts_with(&format!("{}:\n- ", c.label()))),
            "{text}"
        );
        if round < 2 {
            seen.extend(send.boxes[0].entries.iter().map(|e| e.text.clone()));
        }
        let (_, planned) = send.put_plan(&[found("")], Choice::Replace);
        let done = put(&[&planned.plan_texts[0]]);
        assert!(send.placed(&planned, &done));
        let notice = send.judge(&planned, &done);
        assert!(notice.ok, "{}", notice.message);
        notes.push(notice.message);
        progress = next;
    }
    assert!(
        notes[0].starts_with(
            "Part 1 of 2: review, press Add to memory, then Send to Claude again for part 2. \
             Claude's import box now holds "
        ),
        "{}",
        notes[0]
    );
    assert!(
        notes[1].starts_with(
            "Part 2 of 2, the last: review, press Add to memory. The next Send to Claude \
             starts again at part 1."
        ),
        "{}",
        notes[1]
    );
    assert!(notes[2].starts_with("Part 1 of 2:"), "{}", notes[2]);
    // The two parts held every entry once.
    seen.sort();
    let mut all: Vec<String> = p.items.iter().map(|i| i.text.clone()).collect();
    all.sort();
    assert_eq!(seen, all);
}

#[test]
fn claudes_limit_is_in_bytes_and_parts_that_changed_start_again() {
    // About 450 entries of 80 characters: 36,000 characters but over 64,000 bytes.
    let p = large(450, true);
    let whole = prepare(Assistant::Claude, Way::Import, &p).unwrap();
    assert!(whole.full_text(0).chars().count() < 64_000);
    assert!(whole.full_text(0).len() > 64_000);
    let mut send = prepare(Assistant::Claude, Way::Import, &p).unwrap();
    let progress = send.in_parts(&Parts::default(), Way::Import).unwrap();
    assert_eq!(send.part.map(|p| p.of), Some(2));
    // The profile changed before part 2 was sent: part 1 again, and the person is told.
    let mut changed = p.clone();
    changed.items.remove(0);
    let mut send = prepare(Assistant::Claude, Way::Import, &changed).unwrap();
    send.in_parts(&progress, Way::Import);
    let part = send.part.unwrap();
    assert_eq!((part.index, part.restarted), (0, true));
    let (_, planned) = send.put_plan(&[found("")], Choice::Replace);
    let notice = send.judge(&planned, &put(&[&planned.plan_texts[0]]));
    assert!(
        notice.message.starts_with(
            "Your profile changed since the last part was sent, so memport started again at \
             part 1. Part 1 of 2:"
        ),
        "{}",
        notice.message
    );
    // A box that was not filled is no part sent.
    assert!(!send.placed(&planned, &put(&["something else"])));
    // Nowhere to fill: the text offered for the clipboard is this part, and says so.
    assert_eq!(send.copy_offer().text, send.full_text(0));
    assert!(
        send.not_found("no box").message.ends_with(
            "This text is part 1 of 2 of your memory, as much as one import takes. memport \
             counts a part as sent only once it has filled it, so the next Send to Claude \
             brings this part again."
        ),
        "{}",
        send.not_found("no box").message
    );
}

#[test]
fn a_profile_within_the_limit_is_sent_whole_and_ends_any_parts() {
    let mut send = prepare(Assistant::Claude, Way::Import, &two()).unwrap();
    assert_eq!(send.in_parts(&Parts::default(), Way::Import), None);
    assert_eq!(send.part, None);
    let mid = Parts::default().after(
        "claude:import",
        Part {
            index: 0,
            of: 2,
            restarted: false,
        },
        &["a".into(), "b".into()],
    );
    assert_eq!(send.in_parts(&mid, Way::Import), Some(Parts::default()));
    // Other targets have no parts.
    let mut gemini = prepare(Assistant::Gemini, Way::Import, &large(500, false)).unwrap();
    assert_eq!(gemini.in_parts(&Parts::default(), Way::Import), None);
}
