from rasa.shared.nlu.training_data.message import Message

from components.safety_guard import SafetyGuard


def message(text, ranking):
    m = Message(data={"text": text})
    m.set("intent", ranking[0])
    m.set("intent_ranking", ranking)
    return m


def run(text, ranking):
    return SafetyGuard({"safety_threshold": 0.3}).process([message(text, ranking)])[0].get("intent")["name"]


def test_pattern_overrules_a_confident_wrong_topic():
    assert run("my carer hits me", [{"name": "home_care", "confidence": 0.9}]) == "safeguarding_concern"


def test_pattern_overrules_a_fallback():
    ranking = [{"name": "nlu_fallback", "confidence": 0.4}, {"name": "home_care", "confidence": 0.2}]
    assert run("i want to end my life", ranking) == "emergency_crisis"


def test_model_safety_signal_below_fallback_threshold_still_counts():
    ranking = [{"name": "nlu_fallback", "confidence": 0.4}, {"name": "safeguarding_concern", "confidence": 0.35}]
    assert run("something odd is going on with her money", ranking) == "safeguarding_concern"


def test_ordinary_message_untouched():
    assert (
        run("what is a direct payment", [{"name": "direct_payments_overview", "confidence": 0.8}])
        == "direct_payments_overview"
    )


def test_a_child_at_risk_keeps_childrens_services():
    ranking = [{"name": "childrens_services", "confidence": 0.7}]
    assert run("my neighbour's kid has bruises", ranking) == "childrens_services"
