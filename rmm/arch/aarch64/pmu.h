/* Switching the PMUv3 registers between the normal world and a PMU realm. */
#pragma once

struct rec;
struct rec_pmu;

/* Saves the normal world's registers into ns and loads the REC's counters 0..HPMN-1 and cycle counter. */
void pmu_load_realm(struct rec_pmu *ns, const struct rec *rec);

/* Saves the REC's back into it and puts the normal world's (ns) back. */
void pmu_unload_realm(struct rec *rec, const struct rec_pmu *ns);
