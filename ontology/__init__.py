"""The project's data, installed as the package ``kg.ontology``: gazetteer, lexicons, OWL, SHACL, queries."""
