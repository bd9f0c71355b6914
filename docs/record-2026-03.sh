#!/usr/bin/env bash
# The reported track continued from 13 to 20 March 2026, with the items
# the record had missed before that, recorded into the shipped scenario
# with `drawdown record`: the commands a briefer would run, kept so that
# the data change can be made again and read as a list of reports.
#
#   bash docs/record-2026-03.sh [SCENARIO]   # default: assets/scenario.toml
#
# Run it once, from the repository root, on the scenario as it was before
# these reports (each command adds one; a second run would add them
# again). DRAWDOWN names the binary (default: target/debug/drawdown, built
# if missing). Every text below paraphrases the compiled record of 7
# December 2026 (docs/sources.md, "The record to 20 March 2026"); its
# grades are the confidence values (a mixed grade encoded as the lower).
#
# Where "no report" begins (the record's proposal, by region): federal
# Iraq from 21 March 2026 (its last report: NATO Mission Iraq leaves on 20
# March), the Kurdistan Region from 16 March (the last report on its
# bases: 15 March), Syria from 13 March (nothing after 12 March; kept at
# 14 March, as the record allows, so that Syria stays as it was). The
# track's reports cover the whole track (record = "track"), so a base
# falls silent with its region, or earlier where its own reports stop
# (Victory Base Complex after 18 March, Erbil Air Base after 15 March);
# `record no-report` closes the entities whose record stops before the
# track's latest report.
#
# The political milestone of late June 2026 (the factions' 30 September
# deadline) is recorded without a track: a milestone of a track counts as
# a report on that track and would move its record's end to June, so that
# every region and base would hold its March status until then. A
# milestone of no track is shared history, shown on both tracks, and no
# report on any region or base: it stands inside the "no report" span.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
SCENARIO="${1:-assets/scenario.toml}"
if [[ -z "${DRAWDOWN:-}" ]]; then
    DRAWDOWN=target/debug/drawdown
    [[ -x "$DRAWDOWN" ]] || cargo build --quiet
fi

record() {
    "$DRAWDOWN" record --scenario "$SCENARIO" "$@"
}

# --- Federal Iraq -----------------------------------------------------------

record --track reported --region federal_iraq --from 2026-03-16 --as-of 2026-03-20 --status ended \
    --note "No coalition base is left in federal Iraq; US diplomatic and logistics sites stay and are attacked: explosive drones land inside the US Embassy's perimeter in Baghdad and start a fire (16–17 March), at least three drones target the US diplomatic facility near Baghdad airport (17 March) and another the embassy area (18 March). NATO Mission Iraq, which is not the coalition, moves its last personnel out of Iraq on 20 March; fewer than 1,000 US troops remain in Iraq, the NYT says." \
    --source "IANS/Xinhua via Punjab News Express, 17 Mar 2026; Reuters via Aaj English TV, 18 Mar 2026; AA, 20 Mar 2026; NYT via dnyuz, 20 Mar 2026" \
    --confidence medium

record --track reported --base victory_base --from 2026-03-05 --to 2026-03-18 --status ended \
    --note "A US diplomatic and logistics site beside Baghdad airport (the Baghdad Diplomatic Support Center), not a coalition base, under repeated drone attack: a drone falls on hangars of the Iraqi air base inside the airport on 6 March, others are intercepted on 7, 9 and 10–11 March, one strikes near a guard tower on 10 March (no one hurt), and at least three explosive drones come on 17 March (C-RAM engaged). Nothing later is reported." \
    --source "Shafaq News (Arabic), 6–10 Mar 2026; Kurdistan24 (Arabic), 7 Mar 2026; Reuters via Straits Times, 11 Mar 2026; Reuters via Aaj English TV, 18 Mar 2026" \
    --confidence medium \
    --disputed "Victoria still hosts US forces and coalition advisers (Kurdistan24 (Arabic), 4 Mar 2026; Shafaq News (Arabic), 9 Mar 2026)."

record troops --group iraq --date 2026-03-20 --low 1000 \
    --note "Fewer than 1,000 US troops remain in Iraq (the NYT, reporting NATO Mission Iraq's departure). An AFP background of 13 March gave under 2,000: the autumn-2025 plan's figure, the record reads." \
    --source "NYT via dnyuz, 20 Mar 2026" \
    --confidence medium

record milestone --track reported --date 2026-03-20 --title "NATO Mission Iraq leaves Iraq" \
    --detail "NATO Mission Iraq, not part of the coalition, moves all its personnel out of the Middle East to Europe: the last leave Iraq on 20 March, and the mission is run from Naples. A French military source and an Iraqi official call the move temporary. The NYT puts the US troops left in Iraq at fewer than 1,000." \
    --source "AA, 20 Mar 2026; TASS, 20 Mar 2026; AFP via Türkiye Today, 20 Mar 2026; NYT via dnyuz, 20 Mar 2026" \
    --confidence high \
    --disputed "For good: the US had asked the allies in February to wrap the mission up by September 2026 (Politico via Shafaq News, 19 Feb 2026)."

record incident --date 2026-03-10 --place victory_base --title "Drone strikes near a guard tower" \
    --detail "One of six drones fired at the Baghdad Diplomatic Support Center, the US compound beside Baghdad airport, strikes near a guard tower; no one is hurt." \
    --source "Reuters via Straits Times, 11 Mar 2026" \
    --confidence high

record incident --date 2026-03-16 --place baghdad --title "Drones hit the US Embassy" \
    --detail "The US Embassy compound in Baghdad is hit repeatedly from the evening of 16 March into the 17th: two explosive drones land inside the perimeter and start a fire (an Iraqi interior ministry source). Another drone attack hits the embassy area early on 18 March." \
    --source "IANS/Xinhua via Punjab News Express, 17 Mar 2026; Reuters via Aaj English TV, 18 Mar 2026" \
    --confidence medium

record incident --date 2026-03-17 --place victory_base --title "Drones at the US site by the airport" \
    --detail "At least three explosive drones target the US diplomatic facility near Baghdad airport; C-RAM engages them. No casualties are reported." \
    --source "Reuters via Aaj English TV, 18 Mar 2026" \
    --confidence medium

# Before March: the plan for the US to leave, as reported.
record milestone --track reported --date 2025-11-03 --title "Sudani: coalition out by Sep 2026" \
    --detail "Prime Minister Sudani tells Reuters that the plan still has the multinational coalition leaving Iraq completely by September 2026, and that the factions could disarm only after that." \
    --source "Mehr, 3 Nov 2025; Antiwar, 4 Nov 2025" \
    --confidence high

record milestone --track reported --date 2026-01-22 --title "US to leave Iraq by September" \
    --detail "A US official says the US plans to complete its military withdrawal from Iraq by September 2026, probably when NATO's advisers leave; how many US troops remain at Harir is not said. The page is undated; its content places it in the week of 22 January." \
    --source "Responsible Statecraft, Jan 2026" \
    --confidence medium \
    --disputed "A bilateral presence stays: the Iraqi Prime Minister seeks a memorandum to move security ties from the coalition to a bilateral agreement (Direct Policy Center, Jun 2026)."

# --- Kurdistan Region -------------------------------------------------------

record --track reported --region kurdistan --from 2026-03-14 --to 2026-03-15 --status drawdown \
    --note "Still under attack: two drones aimed at Erbil are shot down on 15 March (debris injures four civilians; Ashab al-Kahf says it targeted US interests), drones are intercepted over Sulaimani and missiles fired toward Koya. Partners go on leaving: the Dutch advisers had been moved out of Erbil by 13 March; Spain moves its special forces in Iraq to places not named (about 15–16 March, one aggregator); Poland announces that its contingent will be evacuated from Iraq (about 20 March, date uncertain). Germany's mandate runs to 31 January 2027." \
    --source "Rudaw, 15 Mar 2026; ANP via Welingelichte Kringen, 13 Mar 2026; cognicurrent (Al Jazeera), 16 Mar 2026; Reuters via Devdiscourse, Mar 2026; taz, 29 Jan 2026" \
    --confidence medium

record --track reported --base erbil_air_base --from 2026-03-14 --to 2026-03-15 --status drawdown \
    --note "Two drones aimed at Erbil are shot down on 15 March; Ashab al-Kahf says it targeted US interests. Of Italy's contingent at Camp Singara, 102 had gone home and about 40 to Jordan by 12 March, and the return of the other 141 was planned; the Dutch advisers had left before 13 March. Germany, which runs the multinational camp, holds a mandate to 31 January 2027 and means to stay engaged in the north after the coalition's mission ends." \
    --source "Rudaw, 15 Mar 2026; ANSA via Giornale di Brescia, 12 Mar 2026; ANP via Welingelichte Kringen, 13 Mar 2026; taz, 29 Jan 2026" \
    --confidence high \
    --disputed "About 700 Italian personnel (Il Sole 24 Ore via Zazoom, 12 Mar 2026): a whole-mission or older total, the record reads."

record no-report --track reported --base harir_air_base --from 2026-03-16

record incident --date 2026-02-28 --place harir_air_base --title "Explosions near Harir" \
    --detail "Four explosions are heard around Harir Air Base, which also hosts US forces; on 1 March its air defences shoot down several drones." \
    --source "Shafaq News, 28 Feb and 1 Mar 2026" \
    --confidence medium

record incident --date 2026-03-11 --place erbil_air_base --title "UAVs hit the Erbil camp" \
    --detail "Erbil is struck several times in the night: British personnel help defend the base and shoot down two UAVs, but several hit the camp. No British casualties; some US casualties, not serious." \
    --source "PA via Shropshire Star, 12 Mar 2026" \
    --confidence high

record incident --date 2026-03-15 --place erbil --title "Drones downed over Erbil" \
    --detail "Two drones aimed at Erbil are shot down at about 1 a.m.; debris injures four civilians in Karezan. Ashab al-Kahf says it targeted US interests. Drones are intercepted over Sulaimani and three missiles fired toward Koya." \
    --source "Rudaw, 15 Mar 2026" \
    --confidence high

record milestone --track reported --date 2026-01-29 --title "Germany extends its Iraq mandate" \
    --detail "The Bundestag extends the Bundeswehr's Iraq mandate to 31 January 2027, for up to 500 personnel; Germany means to stay engaged, mainly in the Kurdish north, after the coalition's mission ends. The Bundeswehr runs the multinational camp in Erbil." \
    --source "taz, 29 Jan 2026; Deutschlandfunk, 29 Jan 2026" \
    --confidence high

# --- Syria: nothing after 12 March 2026 ------------------------------------
# The record keeps Syria's "no report" from 14 March, as before ("also
# defensible", it says of its own proposal of the 13th: nothing changed in
# substance), so that no Syrian status changes.

record no-report --track reported --region syria --from 2026-03-14
for base in al_tanf shaddadi qasrak green_village conoco tel_baydar; do
    record no-report --track reported --base "$base" --from 2026-03-14
done

# --- Inside the "no report" span: shared history, no report on any base ----

record milestone --date 2026-06-29 --title "Factions told to disarm by 30 Sep" \
    --detail "The Iraqi government sets 30 September 2026 as the final deadline for the Tehran-aligned factions to hand their weapons to the state: the day, outlets note, that the international coalition's mission expires (about 29 June). Prime Minister Ali al-Zaidi is expected in Washington in mid-July, to seek a memorandum moving security ties from the coalition to a bilateral agreement. What happened on 30 September is not on record." \
    --source "Al Bayan English, late Jun 2026; Rybar via pravda-7pd, 29 Jun 2026; themonexus.com, 1 Jul 2026; Direct Policy Center, Jun 2026" \
    --confidence low
