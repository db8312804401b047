"""After the visit (DESIGN §11): results per department, rectification, re-inspection rounds, the numbered
joint acceptance opinion and the request's history.

May import core.model, core.store and core.calendar; planning reads which departments still need a visit
from here, so this part stands below planning, feeds, dataset and reports.
"""
