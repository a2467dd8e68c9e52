/* Memory layout of a realm payload: shared by start.S, realm.ld.S and C. */
#pragma once

/* RECs that get a stack; a REC with a higher MPIDR Aff0 switches itself off. */
#define REALM_MAX_CPUS		4
#define REALM_STACK_SIZE	0x2000
