from .organizations import OrganizationImporter
from .records import RecordImporter
from .volunteers import VolunteerImporter

IMPORTERS = {importer.kind: importer for importer in (OrganizationImporter, VolunteerImporter, RecordImporter)}
